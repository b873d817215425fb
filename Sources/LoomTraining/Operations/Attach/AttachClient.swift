#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// The client side of `loom attach`: connects to the ``AttachConsole`` of a run by its
/// log directory, reads the greeting and sends commands, one reply each
/// (``AttachProtocol``).
public final class AttachClient {
    /// A reply of the run.
    public struct Reply: Equatable, Sendable {
        /// The reply's lines.
        public var lines: [String]
        /// Whether the run closed the connection after it (`stop`, `detach`).
        public var closed: Bool
    }

    /// The socket path connected to.
    public let socketPath: String
    /// The run's greeting (where training is).
    public private(set) var greeting: [String] = []
    /// Whether the connection has ended.
    public private(set) var isClosed = false
    private var descriptor: Int32
    private var lines = LineBuffer()

    /// Connects to the run training in `logDirectory` and reads its greeting.
    /// - Throws: ``AttachError``: nothing listens there (``AttachError/notListening(path:reason:)``),
    ///   the socket is another user's (``AttachError/permissionDenied(path:)``), another
    ///   client is attached (``AttachError/busy(_:)``), the run refused this user, or the
    ///   connection ended at once.
    public init(logDirectory: URL) throws(AttachError) {
        socketPath = AttachLocation.clientPath(logDirectory: logDirectory)
        switch UnixSocket.connect(to: socketPath) {
        case let .success(value): descriptor = value
        case let .failure(failure):
            switch failure.code {
            case ENOENT:
                let reason = FileManager.default.fileExists(atPath: logDirectory.path) ? "there is no socket" : "there is no such log directory"
                throw .notListening(path: socketPath, reason: reason)
            case ECONNREFUSED: throw .notListening(path: socketPath, reason: "connection refused: the socket is left from a run that is gone")
            case EACCES, EPERM: throw .permissionDenied(path: socketPath)
            default: throw .system(path: socketPath, reason: failure.text)
            }
        }
        let reply = try readReply()
        greeting = reply.lines
        if reply.closed, let first = reply.lines.first {
            if first.hasPrefix(AttachProtocol.busyPrefix) { throw .busy(first) }
            if first.hasPrefix(AttachProtocol.refusedPrefix) { throw .refused(first) }
        }
    }

    deinit { close() }

    /// Sends one command line and returns the run's reply (it comes at the run's next step
    /// boundary).
    /// - Throws: ``AttachError/connectionClosed`` when the run closed the connection.
    public func send(_ command: String) throws(AttachError) -> Reply {
        guard !isClosed else { throw .connectionClosed }
        let line = command.replacingOccurrences(of: "\n", with: " ")
        guard UnixSocket.send(line + "\n", to: descriptor) else {
            close()
            throw .connectionClosed
        }
        return try readReply()
    }

    /// Writes `text` as is without waiting for a reply (tests: half a command, then leaving).
    func writeRaw(_ text: String) {
        if descriptor >= 0 { UnixSocket.send(text, to: descriptor) }
    }

    /// Closes the connection (a paused run goes on).
    public func close() {
        guard descriptor >= 0 else { return }
        #if canImport(Glibc)
        Glibc.close(descriptor)
        #else
        Darwin.close(descriptor)
        #endif
        descriptor = -1
        isClosed = true
    }

    private func readReply() throws(AttachError) -> Reply {
        var reply: [String] = []
        while true {
            while let line = lines.nextLine() {
                switch AttachProtocol.unframe(line) {
                case let .text(text): reply.append(text)
                case let .end(closes):
                    if closes { close() }
                    return Reply(lines: reply, closed: closes)
                }
            }
            var bytes: [UInt8] = []
            guard descriptor >= 0, UnixSocket.read(descriptor, into: &bytes) > 0 else {
                close()
                throw .connectionClosed
            }
            lines.append(bytes)
        }
    }
}
