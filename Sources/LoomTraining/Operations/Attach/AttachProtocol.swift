/// The line protocol of `loom attach` (``AttachConsole`` and ``AttachClient``), text that
/// `socat - UNIX-CONNECT:attach.sock` can speak:
///
/// - The client sends one command per line (UTF-8, `\n`; at most ``maximumLineBytes``).
/// - The console answers each with its reply lines followed by a line holding only `.`,
///   or `.bye` when it closes the connection after this reply (`stop`, `detach`); a reply
///   line that starts with `.` is sent with one more `.` in front (as in SMTP).
/// - On connecting, the client first gets a greeting reply. It starts with `busy:` when
///   another client is attached (one at a time) and with `refused:` when the client runs
///   as another user; both end with `.bye`.
/// - When training ends the console closes the connection (a command waiting for its
///   reply gets one saying so first).
enum AttachProtocol {
    /// The line that ends a reply.
    static let endOfReply = "."
    /// The line that ends a reply after which the console closes the connection.
    static let endOfSession = ".bye"
    /// The longest command line the console reads, in bytes.
    static let maximumLineBytes = 4096
    /// The prefix of the greeting when another client is attached.
    static let busyPrefix = "busy:"
    /// The prefix of the greeting when the client may not attach.
    static let refusedPrefix = "refused:"

    /// `text` (lines separated by `\n`) framed as one reply (the last one when `closes`).
    static func frame(_ text: String, closes: Bool = false) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        return lines.map { $0.hasPrefix(".") ? "." + $0 : $0 }.map { $0 + "\n" }.joined() + (closes ? endOfSession : endOfReply) + "\n"
    }

    /// What one received line of a reply is.
    enum Line: Equatable {
        /// A line of the reply, unstuffed.
        case text(String)
        /// The end of the reply; `closes` when the console closes the connection after it.
        case end(closes: Bool)
    }

    /// Reads one received line of a reply.
    static func unframe(_ line: String) -> Line {
        if line == endOfReply { return .end(closes: false) }
        if line == endOfSession { return .end(closes: true) }
        return .text(line.hasPrefix("..") ? String(line.dropFirst()) : line)
    }
}

/// Splits bytes read from a socket into lines.
struct LineBuffer {
    private var bytes: [UInt8] = []

    /// Whether a partial line longer than ``AttachProtocol/maximumLineBytes`` is waiting.
    var isOverlong: Bool { bytes.count > AttachProtocol.maximumLineBytes && !bytes.contains(10) }

    /// Appends bytes read from the socket.
    mutating func append(_ more: [UInt8]) { bytes.append(contentsOf: more) }

    /// The next complete line without its `\n` (and a `\r` before it), or nil.
    mutating func nextLine() -> String? {
        guard let end = bytes.firstIndex(of: 10) else { return nil }
        var line = Array(bytes[..<end])
        bytes.removeFirst(end + 1)
        if line.last == 13 { line.removeLast() }
        return String(decoding: line, as: UTF8.self)
    }
}
