#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// The trainer's logger: each line goes to the output sink and, once a log directory is
/// open, to `<logdir>/log.log`. Lines look like `[0412 10:11:12] message`, with `WRN `,
/// `ERR ` or `DBG ` before the message for those levels.
///
/// `log.log` is the one file Loom appends to instead of rewriting atomically: each line
/// is one `write(2)` with `O_APPEND`, so a crash can lose at most the line being written.
public final class Logger {
    /// Severity of a log line.
    public enum Level: Int, Sendable, Comparable, CaseIterable {
        case debug, info, warning, error
        public static func < (lhs: Level, rhs: Level) -> Bool { lhs.rawValue < rhs.rawValue }
        var tag: String {
            switch self {
            case .debug: return "DBG "
            case .info: return ""
            case .warning: return "WRN "
            case .error: return "ERR "
            }
        }
    }

    /// Lines below this level are dropped.
    public var minimumLevel: Level
    private let output: any OutputSink
    private let clock: any TrainingClock
    private let formatter: DateFormatter
    private var fileDescriptor: Int32 = -1

    /// Creates a logger writing to `output`, stamping lines with `clock`'s wall time in `timeZone`.
    public init(output: any OutputSink, clock: any TrainingClock, timeZone: TimeZone, minimumLevel: Level = .info) {
        self.output = output
        self.clock = clock
        self.minimumLevel = minimumLevel
        formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = timeZone
        formatter.dateFormat = "MMdd HH:mm:ss"
    }

    deinit { closeFile() }

    /// Also appends every line to `url` (created if missing).
    /// - Throws: ``FileWriteError`` when the file cannot be opened.
    public func openFile(_ url: URL) throws {
        closeFile()
        let fd = open(url.path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw FileWriteError(path: url.path, operation: "open the log file", errno: errno) }
        fileDescriptor = fd
    }

    /// Stops copying lines to the log file.
    public func closeFile() {
        if fileDescriptor >= 0 { close(fileDescriptor) }
        fileDescriptor = -1
    }

    /// Logs `message` at `level` (each line of a multi-line message is stamped).
    public func log(_ level: Level, _ message: String) {
        guard level >= minimumLevel else { return }
        let stamp = formatter.string(from: Date(timeIntervalSince1970: clock.wallTime()))
        var text = ""
        for line in message.split(separator: "\n", omittingEmptySubsequences: false) {
            text += "[\(stamp)] \(level.tag)\(line)\n"
        }
        output.write(text)
        if fileDescriptor >= 0 {
            let bytes = Array(text.utf8)
            _ = bytes.withUnsafeBytes { raw in writeAll(fileDescriptor, raw) }
        }
    }

    /// Logs at ``Level/debug``.
    public func debug(_ message: String) { log(.debug, message) }
    /// Logs at ``Level/info``.
    public func info(_ message: String) { log(.info, message) }
    /// Logs at ``Level/warning``.
    public func warning(_ message: String) { log(.warning, message) }
    /// Logs at ``Level/error``.
    public func error(_ message: String) { log(.error, message) }
}

private func writeAll(_ fd: Int32, _ raw: UnsafeRawBufferPointer) -> Bool {
    guard let base = raw.baseAddress else { return true }
    var offset = 0
    while offset < raw.count {
        #if canImport(Glibc)
        let written = Glibc.write(fd, base + offset, raw.count - offset)
        #else
        let written = Darwin.write(fd, base + offset, raw.count - offset)
        #endif
        if written < 0 { if errno == EINTR { continue } else { return false } }
        offset += written
    }
    return true
}
