#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Logging

/// A swift-log `LogHandler` that appends Loom's lines (``LogLineFormat``) to a file: the
/// trainer's `<logdir>/log.log`, whichever handler prints to the terminal.
///
/// Copies share one file: ``open(_:)`` and ``close()`` on any copy apply to all (the
/// trainer builds its logger before the log directory exists and opens the file in set-up).
/// While no file is open, lines are dropped. `log.log` is the one file Loom appends to
/// instead of rewriting atomically: each line is one `write(2)` with `O_APPEND`, so a crash
/// can lose at most the line being written. Writes are serialised by a lock.
public struct LogFileHandler: LogHandler {
    private let file: SharedLogFile
    /// Lines below this level are dropped.
    public var logLevel: Logger.Level
    /// Metadata set on this handler (not written).
    public var metadata: Logger.Metadata = [:]

    /// A handler with no file open yet, stamping lines with `clock`'s wall time in `timeZone`.
    public init(clock: any TrainingClock, timeZone: TimeZone, logLevel: Logger.Level = .info) {
        file = SharedLogFile(clock: clock, format: LogLineFormat(timeZone: timeZone))
        self.logLevel = logLevel
    }

    /// Appends every later line to `url` (created if missing), closing the previous file.
    /// - Throws: ``FileWriteError`` when the file cannot be opened.
    public func open(_ url: URL) throws { try file.open(url) }

    /// Stops appending lines to the file.
    public func close() { file.close() }

    /// Appends the event's message as Loom's lines.
    public func log(event: LogEvent) { file.append(event.level, "\(event.message)") }

    /// Metadata of one key.
    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }
}

/// The descriptor, clock and format behind a lock, shared by the copies of a handler.
private final class SharedLogFile: @unchecked Sendable {
    private let clock: any TrainingClock
    private let format: LogLineFormat
    private let lock = NSLock()
    private var descriptor: Int32 = -1

    init(clock: any TrainingClock, format: LogLineFormat) {
        self.clock = clock
        self.format = format
    }

    deinit { if descriptor >= 0 { _ = systemClose(descriptor) } }

    func open(_ url: URL) throws {
        lock.lock()
        defer { lock.unlock() }
        if descriptor >= 0 { _ = systemClose(descriptor) }
        descriptor = -1
        let fd = systemOpen(url.path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw FileWriteError(path: url.path, operation: "open the log file", errno: errno) }
        descriptor = fd
    }

    func close() {
        lock.lock()
        defer { lock.unlock() }
        if descriptor >= 0 { _ = systemClose(descriptor) }
        descriptor = -1
    }

    func append(_ level: Logger.Level, _ message: String) {
        lock.lock()
        defer { lock.unlock() }
        guard descriptor >= 0 else { return }
        let bytes = Array(format.text(level, message, wallTime: clock.wallTime()).utf8)
        bytes.withUnsafeBytes { raw in writeAll(descriptor, raw) }
    }
}

private func writeAll(_ fd: Int32, _ raw: UnsafeRawBufferPointer) {
    guard let base = raw.baseAddress else { return }
    var offset = 0
    while offset < raw.count {
        #if canImport(Glibc)
        let written = Glibc.write(fd, base + offset, raw.count - offset)
        #else
        let written = Darwin.write(fd, base + offset, raw.count - offset)
        #endif
        if written < 0 { if errno == EINTR { continue } else { return } }
        offset += written
    }
}

private func systemOpen(_ path: String, _ flags: Int32, _ mode: mode_t) -> Int32 {
    #if canImport(Glibc)
    return Glibc.open(path, flags, mode)
    #else
    return Darwin.open(path, flags, mode)
    #endif
}

private func systemClose(_ fd: Int32) -> Int32 {
    #if canImport(Glibc)
    return Glibc.close(fd)
    #else
    return Darwin.close(fd)
    #endif
}
