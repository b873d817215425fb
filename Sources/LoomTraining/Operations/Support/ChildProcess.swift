#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// What a child process left: its exit status (or why it has none) and its output.
struct ChildProcessResult: Sendable {
    /// The exit status, or `nil` when it could not start, was killed, or is still running.
    var status: Int32?
    /// Whether the timeout expired and the process group was killed.
    var timedOut = false
    /// Standard output (everything read before the pipe closed).
    var standardOutput = Data()
    /// Standard error.
    var standardError = Data()
    /// Why the process could not be started, if it could not.
    var launchError: String?

    /// Whether it ran to the end with status 0.
    var succeeded: Bool { status == 0 && !timedOut && launchError == nil }

    /// The last `maxLines` non-empty lines of standard error (at most 1,000 characters).
    func standardErrorTail(maxLines: Int = 5) -> String {
        let text = String(decoding: standardError, as: UTF8.self)
        let lines = text.split(whereSeparator: \.isNewline).suffix(maxLines)
        return String(lines.joined(separator: "\n").suffix(1000))
    }

    /// A one-line account of a failure, e.g. "exited with status 3" or "timed out after 0.3 s".
    func failureSummary(timeout: Double) -> String {
        if let launchError { return "could not be started: \(launchError)" }
        if timedOut { return "did not finish within \(Formatting.significant5(timeout)) s and was killed" }
        if let status { return "exited with status \(status)" }
        return "was terminated by a signal"
    }
}

/// Runs a program in a child process (``SpawnedChild``) with a timeout, reading its
/// output without blocking on it. The child starts in its own process group, so a timeout
/// kills the whole group (SIGTERM, then SIGKILL after `grace` seconds): grandchildren such
/// as a `sleep` inside a shell script die too and the pipes close.
/// Blocking: call it from a background queue, never from the training thread.
enum ChildProcess {
    /// Runs `executable` with `arguments` and `environment` (`nil`: inherit), standard
    /// input from `/dev/null`, for at most `timeout` seconds.
    static func run(executable: URL, arguments: [String], environment: [String: String]?,
                    timeout: Double, grace: Double = 0.5) -> ChildProcessResult {
        let child: SpawnedChild
        do { child = try SpawnedChild.start(executable: executable.path, arguments: arguments, environment: environment) } catch {
            return ChildProcessResult(launchError: error.description)
        }
        let collected = OutputCollector()
        let reads = DispatchGroup()
        DispatchQueue.global(qos: .utility).async(group: reads) { collected.setOutput(SpawnedChild.readToEnd(child.standardOutput)) }
        DispatchQueue.global(qos: .utility).async(group: reads) { collected.setError(SpawnedChild.readToEnd(child.standardError)) }
        let exited = DispatchSemaphore(value: 0)
        DispatchQueue.global(qos: .utility).async {
            collected.setStatus(child.waitForExit())
            exited.signal()
        }

        var result = ChildProcessResult()
        if exited.wait(timeout: .now() + max(0, timeout)) == .timedOut {
            result.timedOut = true
            child.signalGroup(SIGTERM)
            if exited.wait(timeout: .now() + grace) == .timedOut {
                child.signalGroup(SIGKILL)
                _ = exited.wait(timeout: .now() + grace)
            }
        }
        // The pipes close when the last process holding them exits; do not wait forever.
        _ = reads.wait(timeout: .now() + (result.timedOut ? grace : 2))
        if !result.timedOut { result.status = collected.status }
        result.standardOutput = collected.output
        result.standardError = collected.error
        return result
    }

    /// The first executable file named `name` in the `PATH` of `variables`, or `nil`.
    /// A name containing `/` is checked as is.
    static func locate(_ name: String, variables: [String: String]) -> URL? {
        let fileManager = FileManager.default
        if name.contains("/") { return fileManager.isExecutableFile(atPath: name) ? URL(fileURLWithPath: name) : nil }
        for directory in (variables["PATH"] ?? "").split(separator: ":") where !directory.isEmpty {
            let path = String(directory) + "/" + name
            var isDirectory: ObjCBool = false
            if fileManager.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
               fileManager.isExecutableFile(atPath: path) {
                return URL(fileURLWithPath: path)
            }
        }
        return nil
    }
}

/// The two output buffers and the exit status, filled by reader and waiter threads.
/// `@unchecked Sendable`: every access goes through `lock`.
private final class OutputCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var outputData = Data()
    private var errorData = Data()
    private var exitStatus: Int32?

    var output: Data { lock.withLock { outputData } }
    var error: Data { lock.withLock { errorData } }
    var status: Int32? { lock.withLock { exitStatus } }
    func setOutput(_ data: Data) { lock.withLock { outputData = data } }
    func setError(_ data: Data) { lock.withLock { errorData = data } }
    func setStatus(_ status: Int32?) { lock.withLock { exitStatus = status } }
}
