import Foundation

/// The outcome of one command run by a ``CommandRunner``.
struct CommandOutcome: Sendable {
    /// The command as run.
    var command: String
    /// The child process's result.
    var result: ChildProcessResult
}

/// Runs shell commands (`/bin/sh -c`) one after another on a background queue, so the
/// training thread never waits for them; each has a timeout. Outcomes are collected
/// for the training thread to log (``drain()``), so that log lines keep the loop's order.
/// `@unchecked Sendable`: `finished` and `pending` are only touched under `lock`.
final class CommandRunner: @unchecked Sendable {
    private let queue: DispatchQueue
    private let group = DispatchGroup()
    private let lock = NSLock()
    private var finished: [CommandOutcome] = []
    private var pending = 0
    /// The most commands waiting or running at once; more are refused.
    let capacity: Int

    /// Creates a runner whose queue is labelled `label`.
    init(label: String, capacity: Int = 16) {
        queue = DispatchQueue(label: label, qos: .utility)
        self.capacity = capacity
    }

    /// Queues `command`; it runs with `environment` and is killed after `timeout` seconds.
    /// - Returns: `false` when `capacity` commands are already waiting (nothing is queued).
    @discardableResult
    func launch(_ command: String, environment: [String: String], timeout: Double) -> Bool {
        let accepted = lock.withLock {
            guard pending < capacity else { return false }
            pending += 1
            return true
        }
        guard accepted else { return false }
        queue.async(group: group) { [self] in
            let result = ChildProcess.run(executable: URL(fileURLWithPath: "/bin/sh"), arguments: ["-c", command],
                                          environment: environment, timeout: timeout)
            lock.withLock {
                finished.append(CommandOutcome(command: command, result: result))
                pending -= 1
            }
        }
        return true
    }

    /// The outcomes finished since the last call, oldest first.
    func drain() -> [CommandOutcome] {
        lock.withLock {
            let outcomes = finished
            finished.removeAll()
            return outcomes
        }
    }

    /// Waits until every queued command finished, for at most `seconds`.
    /// - Returns: whether all finished.
    func waitForAll(upTo seconds: Double) -> Bool {
        group.wait(timeout: .now() + max(0, seconds)) == .success
    }
}
