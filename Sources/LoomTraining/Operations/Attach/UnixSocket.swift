#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The system calls of the attach console's Unix domain socket (``AttachConsole``,
/// ``AttachClient``): addresses, connecting, listening, peer credentials and sending.
enum UnixSocket {
    /// The longest socket path `sockaddr_un` holds, in bytes (107 on Linux: 108 with the
    /// terminating NUL).
    static let maximumPathBytes = MemoryLayout.size(ofValue: sockaddr_un().sun_path) - 1

    /// Who is at the other end of a connection.
    struct Peer: Equatable {
        /// The peer's process ID (0 where the system does not tell).
        var process: Int32
        /// The peer's effective user ID.
        var user: UInt32
    }

    /// Runs `body` with the address of `path`, or returns `ENAMETOOLONG` when it does not fit.
    static func withAddress<T>(_ path: String, _ body: (UnsafePointer<sockaddr>, socklen_t) -> T) -> Result<T, SocketFailure> {
        let bytes = Array(path.utf8)
        guard bytes.count <= maximumPathBytes else { return .failure(SocketFailure(code: ENAMETOOLONG)) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: bytes)
            raw[bytes.count] = 0
        }
        let length = socklen_t(MemoryLayout<sockaddr_un>.size)
        return .success(withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, length) }
        })
    }

    /// A new stream socket (close-on-exec), or the error.
    static func makeSocket() -> Result<Int32, SocketFailure> {
        #if canImport(Glibc)
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        #else
        let descriptor = socket(AF_UNIX, SOCK_STREAM, 0)
        if descriptor >= 0 {
            _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
            var on: Int32 = 1
            _ = setsockopt(descriptor, SOL_SOCKET, SO_NOSIGPIPE, &on, socklen_t(MemoryLayout<Int32>.size))
        }
        #endif
        return descriptor >= 0 ? .success(descriptor) : .failure(SocketFailure(code: errno))
    }

    /// Connects to the socket at `path`; returns the connected descriptor.
    static func connect(to path: String) -> Result<Int32, SocketFailure> {
        let descriptor: Int32
        switch makeSocket() {
        case let .success(value): descriptor = value
        case let .failure(failure): return .failure(failure)
        }
        let result = withAddress(path) { address, length -> Int32 in
            #if canImport(Glibc)
            Glibc.connect(descriptor, address, length) == 0 ? 0 : errno
            #else
            Darwin.connect(descriptor, address, length) == 0 ? 0 : errno
            #endif
        }
        switch result {
        case .success(0): return .success(descriptor)
        case let .success(code):
            close(descriptor)
            return .failure(SocketFailure(code: code))
        case let .failure(failure):
            close(descriptor)
            return .failure(failure)
        }
    }

    /// Binds a new socket to `path` and listens; returns the listening descriptor.
    static func listen(at path: String, backlog: Int32 = 8) -> Result<Int32, SocketFailure> {
        let descriptor: Int32
        switch makeSocket() {
        case let .success(value): descriptor = value
        case let .failure(failure): return .failure(failure)
        }
        let bound = withAddress(path) { address, length in bind(descriptor, address, length) == 0 ? 0 : errno }
        let code: Int32
        switch bound {
        case let .success(value): code = value == 0 ? (systemListen(descriptor, backlog) == 0 ? 0 : errno) : value
        case let .failure(failure): code = failure.code
        }
        guard code == 0 else {
            close(descriptor)
            return .failure(SocketFailure(code: code))
        }
        return .success(descriptor)
    }

    /// The process and user at the other end of `descriptor`, or nil.
    static func peer(of descriptor: Int32) -> Peer? {
        #if os(Linux)
        var credentials = (Int32(0), UInt32(0), UInt32(0))  // struct ucred: pid, uid, gid
        var length = socklen_t(MemoryLayout.size(ofValue: credentials))
        guard getsockopt(descriptor, SOL_SOCKET, SO_PEERCRED, &credentials, &length) == 0 else { return nil }
        return Peer(process: credentials.0, user: credentials.1)
        #else
        var user = uid_t(0), group = gid_t(0)
        guard getpeereid(descriptor, &user, &group) == 0 else { return nil }
        return Peer(process: 0, user: UInt32(user))
        #endif
    }

    /// Makes sends on `descriptor` give up after `seconds` (a client that stops reading
    /// cannot hold the socket thread).
    static func limitSends(on descriptor: Int32, seconds: Int) {
        var limit = timeval(tv_sec: seconds, tv_usec: 0)
        _ = setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
    }

    /// Writes all of `text`; false when the peer is gone (never raises SIGPIPE).
    @discardableResult
    static func send(_ text: String, to descriptor: Int32) -> Bool {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { raw in
                systemSend(descriptor, raw.baseAddress! + offset, raw.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                return false
            }
            offset += written
        }
        bytes.removeAll()
        return true
    }

    /// Waits up to `milliseconds` (-1: forever) for input on any of `descriptors`; returns
    /// those that are readable or hung up.
    static func waitReadable(_ descriptors: [Int32], milliseconds: Int32) -> [Int32] {
        var entries = descriptors.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
        let count = entries.withUnsafeMutableBufferPointer { poll($0.baseAddress, nfds_t($0.count), milliseconds) }
        guard count > 0 else { return [] }
        return entries.filter { $0.revents != 0 }.map(\.fd)
    }

    /// Whether the peer of `descriptor` closed its end (end of input with nothing unread).
    static func peerClosed(_ descriptor: Int32) -> Bool {
        var byte: UInt8 = 0
        let count = recv(descriptor, &byte, 1, Int32(MSG_PEEK) | Int32(MSG_DONTWAIT))
        if count == 0 { return true }
        return count < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR
    }

    /// Reads what is available (after ``waitReadable(_:milliseconds:)``); empty at the end of input or on an error.
    static func read(_ descriptor: Int32, into buffer: inout [UInt8]) -> Int {
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count < 0, errno == EINTR { continue }
            if count > 0 { buffer.append(contentsOf: chunk[0..<count]) }
            return max(count, 0)
        }
    }
}

/// A failed socket call: the `errno` value and its text.
struct SocketFailure: Error, Equatable {
    /// The `errno` value.
    var code: Int32
    /// The system's text for it (`strerror`).
    var text: String { String(cString: strerror(code)) }
}

@inline(__always)
private func systemListen(_ descriptor: Int32, _ backlog: Int32) -> Int32 {
    #if canImport(Glibc)
    Glibc.listen(descriptor, backlog)
    #else
    Darwin.listen(descriptor, backlog)
    #endif
}

@inline(__always)
private func systemSend(_ descriptor: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    #if os(Linux)
    Glibc.send(descriptor, buffer, count, Int32(MSG_NOSIGNAL))
    #else
    Darwin.send(descriptor, buffer, count, 0)  // SO_NOSIGPIPE is set on Darwin sockets
    #endif
}
