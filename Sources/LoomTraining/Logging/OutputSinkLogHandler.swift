import Foundation
import Logging

/// A swift-log `LogHandler` that writes Loom's lines (`[0412 10:11:12] WRN message`, see
/// ``LogLineFormat``) to an ``OutputSink``, stamped by a ``TrainingClock``. The trainer's
/// default terminal handler; tests pass a ``MemoryOutputSink`` and a ``ManualClock``.
///
/// Metadata is kept (as swift-log asks of handlers) but not printed. Writes are serialised
/// by a lock; other writers of the same sink (progress bars) write from the training thread.
public struct OutputSinkLogHandler: LogHandler {
    private let target: LockedTarget
    /// Lines below this level are dropped.
    public var logLevel: Logger.Level
    /// Metadata set on this handler (not printed).
    public var metadata: Logger.Metadata = [:]

    /// Writes to `output`, stamping lines with `clock`'s wall time in `timeZone`.
    public init(output: any OutputSink, clock: any TrainingClock, timeZone: TimeZone, logLevel: Logger.Level = .info) {
        target = LockedTarget(output: output, clock: clock, format: LogLineFormat(timeZone: timeZone))
        self.logLevel = logLevel
    }

    /// Writes the event's message as Loom's lines.
    public func log(event: LogEvent) {
        target.write(event.level, "\(event.message)")
    }

    /// Metadata of one key.
    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }
}

/// The sink and clock behind a lock, so that the handler is a `Sendable` value.
private final class LockedTarget: @unchecked Sendable {
    private let output: any OutputSink
    private let clock: any TrainingClock
    private let format: LogLineFormat
    private let lock = NSLock()

    init(output: any OutputSink, clock: any TrainingClock, format: LogLineFormat) {
        self.output = output
        self.clock = clock
        self.format = format
    }

    func write(_ level: Logger.Level, _ message: String) {
        lock.lock()
        defer { lock.unlock() }
        output.write(format.text(level, message, wallTime: clock.wallTime()))
    }
}
