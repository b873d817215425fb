#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Writes TensorBoard event files (`events.out.tfevents.<seconds>.<host>`) that the
/// real TensorBoard reads: scalars, histograms, PNG images and text.
///
/// Puts are cheap and never touch the disk: the value is stamped with the injected
/// clock's wall time and appended to a bounded queue; a background thread encodes the
/// events and writes them (on ``flush()``, every `flushSeconds`, and at ``close()``).
/// When the queue is full the caller waits: no value is ever dropped while the disk works.
///
/// A write error (disk full, file or directory removed) is passed to `errorHandler`
/// once; later values are dropped silently, unless `strict` is set, in which case the
/// next put or flush throws the error.
///
/// Thread-safe: every method may be called from any thread.
public final class TensorBoardEventWriter: Sendable {
    /// The log directory holding the event files.
    public let directory: URL
    private let queue: TensorBoardQueue
    private let clock: @Sendable () -> Double

    /// Opens a new event file in `directory` (created if missing) and starts the
    /// background writer thread.
    /// - Parameters:
    ///   - directory: the log directory.
    ///   - maxQueue: values that may wait for the background thread before a put waits
    ///     (default 1024: a few steps' worth of every summary, so training never waits
    ///     in steady state, while memory stays bounded).
    ///   - flushSeconds: the longest time an encoded event stays in memory before it is
    ///     written to the file (default 120, as TensorFlow and tensorpack).
    ///   - strict: throw the first write error from the next put/flush/close instead of
    ///     only reporting it and dropping later values.
    ///   - hostname: the last part of the file name (default: this machine's name).
    ///   - clock: wall time in seconds since 1970, for events and file names.
    ///   - errorHandler: called once, on the background thread, with the first write error.
    /// - Throws: ``TensorBoardWriterError`` if the directory or the file cannot be created
    ///   or an option is not positive.
    public init(directory: URL, maxQueue: Int = 1024, flushSeconds: Double = 120, strict: Bool = false,
                hostname: String = TensorBoardEventWriter.defaultHostname(),
                clock: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 },
                errorHandler: @escaping @Sendable (TensorBoardWriterError) -> Void = { _ in }) throws(TensorBoardWriterError) {
        guard maxQueue > 0 else { throw .invalidOption(name: "maxQueue", value: String(maxQueue)) }
        guard flushSeconds > 0, !flushSeconds.isNaN else { throw .invalidOption(name: "flushSeconds", value: String(flushSeconds)) }
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw .cannotCreateDirectory(path: directory.path, reason: error.localizedDescription)
        }
        let file = try TensorBoardEventFile(directory: directory, hostname: hostname, wallTime: clock())
        self.directory = directory
        self.clock = clock
        let queue = TensorBoardQueue(file: file, maxQueue: maxQueue, flushSeconds: flushSeconds, strict: strict,
                                     errorHandler: errorHandler)
        self.queue = queue
        let thread = Thread { queue.run() }
        thread.name = "loom.tensorboard"
        thread.start()
    }

    deinit { try? queue.close() }

    /// Every event file this writer created, the current one last.
    public var fileURLs: [URL] { queue.fileURLs }

    /// Queues a scalar (stored as a 32-bit float, as TensorBoard does).
    /// - Throws: the first write error when `strict`; ``TensorBoardWriterError/closed(path:)`` after close.
    public func putScalar(_ tag: String, _ value: Double, step: Int) throws(TensorBoardWriterError) {
        try queue.put(.value(tag: tag, value: .scalar(Float(value)), step: Int64(step), wallTime: clock()))
    }

    /// Queues a histogram (see ``Histogram/init(values:)-([Float])`` to build one).
    /// - Throws: as ``putScalar(_:_:step:)``.
    public func putHistogram(_ tag: String, _ histogram: Histogram, step: Int) throws(TensorBoardWriterError) {
        try queue.put(.value(tag: tag, value: .histogram(histogram), step: Int64(step), wallTime: clock()))
    }

    /// Queues one image under `tag`; it is PNG-encoded on the background thread.
    /// - Throws: as ``putScalar(_:_:step:)``.
    public func putImage(_ tag: String, _ image: Image, step: Int) throws(TensorBoardWriterError) {
        try queue.put(.value(tag: tag, value: .image(image), step: Int64(step), wallTime: clock()))
    }

    /// Queues a batch of images as `tag/0`, `tag/1`, … (one event each).
    /// - Throws: as ``putScalar(_:_:step:)``.
    public func putImages(_ tag: String, _ images: [Image], step: Int) throws(TensorBoardWriterError) {
        let wallTime = clock()
        for (index, image) in images.enumerated() {
            try queue.put(.value(tag: "\(tag)/\(index)", value: .image(image), step: Int64(step), wallTime: wallTime))
        }
    }

    /// Queues text for TensorBoard's text plugin (Markdown is rendered there).
    /// - Throws: as ``putScalar(_:_:step:)``.
    public func putText(_ tag: String, _ text: String, step: Int) throws(TensorBoardWriterError) {
        try queue.put(.value(tag: tag, value: .text(text), step: Int64(step), wallTime: clock()))
    }

    /// Queues a `SessionLog.START` event at `step`: training (re)starts there, so TensorBoard
    /// drops the values it read before at `step` or later (what a run that crashed wrote
    /// after the checkpoint it is resumed from).
    /// - Throws: as ``putScalar(_:_:step:)``.
    public func putSessionStart(step: Int) throws(TensorBoardWriterError) {
        try queue.put(.sessionStart(step: Int64(step), wallTime: clock()))
    }

    /// Closes the current event file after everything queued before the call and opens
    /// a new one (e.g. one file per epoch); returns without waiting for the disk.
    /// - Throws: as ``putScalar(_:_:step:)``.
    public func startNewFile() throws(TensorBoardWriterError) {
        try queue.put(.newFile(wallTime: clock()), urgent: true)
    }

    /// Blocks until everything queued before the call is written and synced to disk.
    /// - Throws: the first write error, when `strict`.
    public func flush() throws(TensorBoardWriterError) {
        try queue.flush()
    }

    /// Asks the background thread to write everything queued before the call to the file
    /// (where TensorBoard reads it) without syncing it to disk, and without waiting: the
    /// file is synced by ``flush()``, ``requestFlush()``, a new file and ``close()``. A write
    /// error is reported as for ``putScalar(_:_:step:)``.
    public func requestWrite() {
        queue.requestWrite()
    }

    /// Asks the background thread to write and sync everything queued before the call,
    /// without waiting for it (a write error is reported as for ``putScalar(_:_:step:)``).
    public func requestFlush() {
        queue.requestFlush()
    }

    /// Writes everything queued, closes the file and stops the background thread.
    /// Safe to call more than once; later puts throw ``TensorBoardWriterError/closed(path:)``.
    /// - Throws: the first write error, when `strict`.
    public func close() throws(TensorBoardWriterError) {
        try queue.close()
    }

    /// This machine's host name (`gethostname`), or `localhost` if it has none.
    public static func defaultHostname() -> String {
        var name = [CChar](repeating: 0, count: 256)
        guard gethostname(&name, name.count - 1) == 0 else { return "localhost" }
        let bytes = name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        let host = String(decoding: bytes, as: UTF8.self)
        return host.isEmpty ? "localhost" : host.replacingOccurrences(of: "/", with: "_")
    }
}
