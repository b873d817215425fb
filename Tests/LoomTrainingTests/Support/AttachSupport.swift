import Foundation
import Synchronization
@testable import LoomTraining

/// A `loom attach` client on a background thread: once the run's socket exists it runs
/// `script` with a connected client (or the connection error) and keeps what it records.
final class BackgroundClient: Sendable {
    private let lines = Mutex<[String]>([])
    private let done = DispatchSemaphore(value: 0)
    private let finished = Atomic<Bool>(false)

    /// Whether the script has finished.
    var isFinished: Bool { finished.load(ordering: .sequentiallyConsistent) }

    /// Starts the client of the run in `logDirectory`; `script` records lines with `record`.
    init(logDirectory: URL, _ script: @escaping @Sendable (_ connect: () throws -> AttachClient, _ record: (String) -> Void) throws -> Void) {
        let thread = Thread { [self] in
            let deadline = Date().addingTimeInterval(20)
            while !FileManager.default.fileExists(atPath: AttachLocation.clientPath(logDirectory: logDirectory)), Date() < deadline {
                usleep(5_000)
            }
            do {
                try script({ try AttachClient(logDirectory: logDirectory) }, { line in lines.withLock { $0.append(line) } })
            } catch {
                lines.withLock { $0.append("error: \(error)") }
            }
            finished.store(true, ordering: .sequentiallyConsistent)
            done.signal()
        }
        thread.start()
    }

    /// Sends each command (`#sleep` waits 0.3 s instead) and records `> command` and the reply's lines.
    convenience init(logDirectory: URL, commands: [String]) {
        self.init(logDirectory: logDirectory) { connect, record in
            let client = try connect()
            client.greeting.forEach(record)
            for command in commands {
                if command == "#sleep" {
                    usleep(300_000)
                    continue
                }
                record("> " + command)
                let reply = try client.send(command)
                reply.lines.forEach(record)
                if reply.closed { record("(closed)") }
            }
        }
    }

    /// What the client recorded, once it finished (at most 30 s).
    func transcript() -> [String] {
        _ = done.wait(timeout: .now() + 30)
        return lines.withLock { $0 }
    }
}

/// A backend whose steps take a few milliseconds, so a client has time to attach.
func slowBackend() -> OperationsBackend {
    let backend = OperationsBackend()
    backend.stepAction = { _ in usleep(2_000) }
    return backend
}

/// Puts the stat `step` (the global step) after every step.
func stepStat() -> LambdaCallback {
    LambdaCallback(name: "StepStat", triggerStep: { try $0.monitors.put(scalar: Double($0.loop.globalStep), name: "step") })
}

/// The permission bits of the file at `path`, or nil.
func permissions(_ path: String) -> Int? {
    (try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? nil
}

/// Stops training at the first step boundary after `client` finished its script.
func stopAfter(_ client: BackgroundClient) -> LambdaCallback {
    LambdaCallback(name: "StopAfterClient", triggerStep: { _ in
        if client.isFinished { throw StopTraining("the client finished") }
    })
}
