import Foundation
import Synchronization

/// Writes every stat to TensorBoard event files in the log directory
/// (`events.out.tfevents.<time>.<host>`; tensorpack's `TFEventWriter`).
///
/// Scalars, histograms, images and text go to a ``TensorBoardEventWriter``, which encodes
/// and writes them on a background thread behind a bounded queue: the training thread
/// only enqueues (when the queue is full it waits; nothing is dropped). At the end of each
/// epoch it asks that thread to write the epoch's events to the file, where TensorBoard
/// reads them, without waiting; the file is synced to disk when it is closed (after
/// training, or at each new file with `splitFiles`), as PyTorch's `SummaryWriter` does: a
/// power loss may take back the last epochs' events, which the checkpoint does not need.
/// With `strict: true` it writes and syncs every epoch and waits, to stop at a write error.
/// A resumed run writes a session start first, so that TensorBoard drops the values a
/// crashed run wrote after the checkpoint (TensorFlow's `SessionLog.START`). A write error
/// (disk full, directory removed) is logged once and later summaries are skipped, so
/// training goes on; with `strict: true` the error stops training instead.
public final class TFEventWriter: Monitor {
    private let maxQueue: Int
    private let flushSeconds: Double
    private let splitFiles: Bool
    private let strict: Bool
    private var writer: TensorBoardEventWriter?
    private var logger: Logger?
    private var loop: LoopState?
    private let failure = FirstFailure()
    private var reportedFailure = false
    private var epochsWritten = 0

    /// Creates the monitor.
    /// - Parameters:
    ///   - maxQueue: values waiting to be written before a put blocks.
    ///   - flushSeconds: the longest time written events stay in memory.
    ///   - splitFiles: write each epoch to a new event file.
    ///   - strict: stop training on a write error instead of logging it once.
    public init(maxQueue: Int = 1024, flushSeconds: Double = 120, splitFiles: Bool = false, strict: Bool = false) {
        self.maxQueue = maxQueue
        self.flushSeconds = flushSeconds
        self.splitFiles = splitFiles
        self.strict = strict
    }

    public var chiefOnly: Bool { true }
    public var stepEvents: StepEvents { [] }

    /// The event files written so far, the current one last.
    public var fileURLs: [URL] { writer?.fileURLs ?? [] }

    public func setUp(_ context: TrainerContext) throws {
        logger = context.logger
        loop = context.loop
        guard let directory = context.logDirectory else {
            context.logger.warning("TFEventWriter: the run has no log directory; no TensorBoard files are written")
            return
        }
        let clock = WallClock(context.environment.clock)
        writer = try TensorBoardEventWriter(
            directory: directory, maxQueue: maxQueue, flushSeconds: flushSeconds, strict: strict,
            clock: { clock.wallTime() },
            errorHandler: { [failure] error in failure.record(error) })
    }

    public func process(scalar value: Double, name: String, globalStep: Int) throws {
        try writer?.putScalar(name, value, step: globalStep)
    }

    public func process(histogram: Histogram, name: String, globalStep: Int) throws {
        try writer?.putHistogram(name, histogram, step: globalStep)
    }

    public func process(image: Image, name: String, globalStep: Int) throws {
        try writer?.putImage(name, image, step: globalStep)
    }

    public func process(text: String, name: String, globalStep: Int) throws {
        try writer?.putText(name, text, step: globalStep)
    }

    /// A run that starts after step 0 (a resume) first writes a session start at the next
    /// step, so TensorBoard drops what an earlier run wrote after this run's checkpoint.
    public func beforeTrain() throws {
        guard let writer, let step = loop?.globalStep, step > 0 else { return }
        try writer.putSessionStart(step: step + 1)
    }

    public func beforeEpoch() throws {
        guard splitFiles, let writer, epochsWritten > 0 else { return }
        try writer.startNewFile()
    }

    public func triggerEpoch() throws {
        guard let writer else { return }
        if strict { try writer.flush() } else { writer.requestWrite() }
        epochsWritten += 1
        reportFailure()
    }

    public func afterTrain() throws {
        defer { writer = nil }
        try writer?.close()
        reportFailure()
    }

    /// Logs the background thread's first write error once, from the training thread.
    private func reportFailure() {
        guard !reportedFailure, let error = failure.error else { return }
        reportedFailure = true
        logger?.error("TFEventWriter: \(error)")
    }
}

/// Hands the run's clock to the event writer's thread. The writer reads it on the calling
/// (training) thread for each put and on its own thread when it names a new file; the
/// clocks Loom uses (`SystemClock`, and `ManualClock` advanced only between those calls
/// in tests) are safe to read there.
private final class WallClock: @unchecked Sendable {
    private let clock: any TrainingClock
    init(_ clock: any TrainingClock) { self.clock = clock }
    func wallTime() -> Double { clock.wallTime() }
}

/// The first error the writer's thread reported, read later on the training thread.
private final class FirstFailure: Sendable {
    private let slot = Mutex<TensorBoardWriterError?>(nil)
    var error: TensorBoardWriterError? { slot.withLock { $0 } }
    func record(_ error: TensorBoardWriterError) { slot.withLock { $0 = $0 ?? error } }
}
