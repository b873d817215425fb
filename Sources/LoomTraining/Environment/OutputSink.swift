#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Where the trainer's human-readable output goes (the CLI passes standard output;
/// tests pass a ``MemoryOutputSink``). The library never calls `print`.
public protocol OutputSink: AnyObject {
    /// Writes `text` as is (it carries its own newlines or `\r`).
    func write(_ text: String)
    /// Whether the output is an interactive terminal (progress bars redraw in place).
    var isTerminal: Bool { get }
    /// The width of the terminal in columns.
    var columns: Int { get }
}

/// Writes to a file descriptor (standard output by default). Terminal detection uses
/// `isatty`; the width comes from `TIOCGWINSZ`, else `$COLUMNS`, else 80.
public final class StandardOutputSink: OutputSink {
    private let descriptor: Int32
    private let environment: [String: String]

    /// Writes to `descriptor` (default standard output); `environment` supplies `COLUMNS`.
    public init(descriptor: Int32 = STDOUT_FILENO, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.descriptor = descriptor
        self.environment = environment
    }

    public func write(_ text: String) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { raw in
                systemWrite(descriptor, raw.baseAddress! + offset, raw.count - offset)
            }
            if written < 0 { if errno == EINTR { continue } else { return } }
            offset += written
        }
        bytes.removeAll()
    }

    public var isTerminal: Bool { isatty(descriptor) == 1 }

    public var columns: Int {
        var size = winsize()
        if ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        if let text = environment["COLUMNS"], let value = Int(text), value > 0 { return value }
        return 80
    }
}

@inline(__always)
private func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    return Glibc.write(fd, buffer, count)
    #else
    return Darwin.write(fd, buffer, count)
    #endif
}

/// Keeps everything written in memory, for tests; terminal-ness and width are settable.
public final class MemoryOutputSink: OutputSink {
    /// Everything written so far.
    public private(set) var text = ""
    public var isTerminal: Bool
    public var columns: Int

    /// Creates an empty sink that claims to be a terminal (or not) of `columns` width.
    public init(isTerminal: Bool = false, columns: Int = 80) {
        self.isTerminal = isTerminal
        self.columns = columns
    }

    public func write(_ text: String) { self.text += text }

    /// The text split into lines (the last, empty piece after a final newline dropped).
    public var lines: [String] {
        var parts = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if parts.last == "" { parts.removeLast() }
        return parts
    }
}

/// Discards everything (benchmarks, quiet runs).
public final class NullOutputSink: OutputSink {
    /// Creates the sink.
    public init() {}
    public func write(_ text: String) {}
    public var isTerminal: Bool { false }
    public var columns: Int { 80 }
}
