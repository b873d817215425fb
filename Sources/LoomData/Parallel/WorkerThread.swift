import Foundation

/// The body of a worker thread.
protocol WorkerBody: AnyObject, Sendable {
    /// Runs on the worker thread until the work is done or stopped.
    func run()
}

/// Starts Foundation threads for parallel flows.
enum WorkerThread {
    /// Starts a thread that runs `body.run()`.
    /// - Parameters:
    ///   - name: The thread name (visible in debuggers).
    ///   - body: The work; it signals its own completion.
    static func start(name: String, _ body: any WorkerBody) {
        let thread = Thread { body.run() }
        thread.name = name
        thread.start()
    }
}
