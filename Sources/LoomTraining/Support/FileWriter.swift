import Dispatch
import Synchronization

/// The run's file work off the training thread: checkpoint writes, best-checkpoint
/// copies and `stats.json` rewrites run as jobs on one background thread, so the training
/// thread only takes the snapshot (docs/Architecture.md section 4). The trainer owns one;
/// callbacks reach it through ``TrainerContext/fileWriter``.
///
/// - Order: jobs run one at a time, in the order they were submitted, so a job sees every
///   file the jobs before it wrote (a best-checkpoint copy follows the checkpoint it copies;
///   a checkpoint follows the `stats.json` flush submitted before it).
/// - Results: each job's result goes to its completion **on the training thread**, in
///   submission order, at the next ``deliverCompleted()`` (the trainer calls it after every
///   epoch-level round and step) or ``waitUntilIdle()`` (before `train()` returns, and
///   whenever a caller needs the files on disk). Completions therefore may use the
///   logger and the callback's own state.
/// - A job runs so that a second Ctrl-C or SIGTERM ends the process only after it, as
///   ``TrainerContext/uninterruptible(_:)`` does for the training thread.
/// - At most ``maxPending`` jobs wait: a submission beyond that first waits for the
///   earlier jobs, so a slow disk slows training down instead of piling up snapshots.
///
/// Use it from the training thread only (it is not `Sendable`); the jobs themselves must
/// be `@Sendable` and capture only values.
public final class FileWriter {
    /// Jobs that may wait (run or not) before ``submit(_:completion:)`` waits for them.
    public let maxPending: Int
    private let queue = DispatchQueue(label: "loom.file-writer")
    private let interruptFlag: InterruptFlag?
    private var pending: [PendingJob] = []

    /// Creates a writer with its own background queue.
    /// - Parameter maxPending: jobs that may wait before a submission waits (at least 1).
    public convenience init(maxPending: Int = 8) {
        self.init(maxPending: maxPending, interruptFlag: nil)
    }

    init(maxPending: Int, interruptFlag: InterruptFlag?) {
        self.maxPending = max(1, maxPending)
        self.interruptFlag = interruptFlag
    }

    /// Jobs submitted whose completion has not run yet.
    public var pendingCount: Int { pending.count }

    /// Runs `job` on the background thread after every job submitted before it, and later
    /// hands its result to `completion` on the training thread (see the type's notes).
    /// - Parameters:
    ///   - job: the file work; it captures only `Sendable` values (a ``Checkpoint``, a store, bytes).
    ///   - completion: what to do with the result (log, record a failure).
    public func submit<Result: Sendable>(_ job: @escaping @Sendable () -> Result, completion: @escaping (Result) -> Void) {
        deliverCompleted()
        if pending.count >= maxPending { waitUntilIdle() }
        let slot = ResultSlot<Result>()
        let flag = interruptFlag
        queue.async {
            let result = flag.map { $0.uninterruptible(job) } ?? job()
            slot.store(result)
        }
        pending.append(PendingJob(isDone: { slot.isFilled }, deliver: {
            if let result = slot.take() { completion(result) }
        }))
    }

    /// Runs `job` after every job submitted before it, waits for it, delivers the earlier
    /// jobs' results, and returns its result (a save the caller needs at once).
    /// - Parameter job: the file work.
    /// - Returns: the job's result.
    public func perform<Result: Sendable>(_ job: @escaping @Sendable () -> Result) -> Result {
        var value: Result?
        submit(job) { value = $0 }
        waitUntilIdle()
        guard let value else { preconditionFailure("FileWriter: a finished job left no result") }
        return value
    }

    /// Hands the results of the jobs that finished, oldest first, to their completions;
    /// stops at the first job still running (results are delivered in order).
    public func deliverCompleted() {
        var delivered = 0
        while delivered < pending.count, pending[delivered].isDone() { delivered += 1 }
        guard delivered > 0 else { return }
        let done = pending.prefix(delivered)
        pending.removeFirst(delivered)
        for job in done { job.deliver() }
    }

    /// Waits until every submitted job finished, then delivers every result.
    public func waitUntilIdle() {
        guard !pending.isEmpty else { return }
        queue.sync {}
        deliverCompleted()
    }
}

/// A submitted job, as the training thread sees it.
private struct PendingJob {
    let isDone: () -> Bool
    let deliver: () -> Void
}

/// Where the background thread leaves one job's result.
private final class ResultSlot<Value: Sendable>: Sendable {
    private let value = Mutex<Value?>(nil)
    private let filled = Atomic<Bool>(false)

    var isFilled: Bool { filled.load(ordering: .acquiring) }

    func store(_ result: Value) {
        value.withLock { $0 = result }
        filled.store(true, ordering: .releasing)
    }

    func take() -> Value? { value.withLock { slot in defer { slot = nil }; return slot } }
}
