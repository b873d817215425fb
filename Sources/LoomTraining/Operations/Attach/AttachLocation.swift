#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Where the attach socket of a log directory lives: `<logdir>/attach.sock`, or, when
/// that path is too long for a Unix domain socket address (107 bytes on Linux), a short
/// path in `$XDG_RUNTIME_DIR` (else `/tmp`) named after the log directory, written into
/// `<logdir>/attach.sock.path` for `loom attach` to find.
public enum AttachLocation {
    /// The socket's name in the log directory.
    public static let socketName = "attach.sock"
    /// The file in the log directory naming the socket when it lives elsewhere.
    public static let pathFileName = "attach.sock.path"

    /// The prefix of the private directory a socket is bound in before it is renamed into
    /// place (`.a` and six random characters; short, so it fits wherever the socket does).
    static let bindDirectoryPrefix = ".a"
    /// The socket's name inside that directory.
    static let bindName = "s"

    /// Whether `name` is such a private directory (left only by a run killed while binding).
    static func isBindDirectory(_ name: String) -> Bool {
        name.hasPrefix(bindDirectoryPrefix) && name.count == bindDirectoryPrefix.count + 6
    }

    /// The socket path a client connects to for `logDirectory`: the one named in
    /// `attach.sock.path` when that file exists, else `<logdir>/attach.sock`.
    public static func clientPath(logDirectory: URL) -> String {
        let file = logDirectory.appendingPathComponent(pathFileName)
        if let text = try? String(contentsOf: file, encoding: .utf8) {
            let path = text.trimmingCharacters(in: .whitespacesAndNewlines)
            if !path.isEmpty { return path }
        }
        return logDirectory.appendingPathComponent(socketName).path
    }

    /// The socket path a run in `logDirectory` listens on, and whether it is the short
    /// path outside the log directory.
    static func serverPath(logDirectory: URL, variables: [String: String]) -> (path: String, outside: Bool) {
        let inside = logDirectory.appendingPathComponent(socketName).path
        if inside.utf8.count <= UnixSocket.maximumPathBytes { return (inside, false) }
        let bytes = Array(logDirectory.standardizedFileURL.path.utf8)
        let name = "loom-\(geteuid())-" + hex(CRC32C.checksum(bytes)) + hex(CRC32.checksum(bytes)) + ".sock"
        if let runtime = variables["XDG_RUNTIME_DIR"], runtime.hasPrefix("/") {
            let path = URL(fileURLWithPath: runtime).appendingPathComponent(name).path
            var status = stat()
            if path.utf8.count <= UnixSocket.maximumPathBytes, stat(runtime, &status) == 0, status.st_mode & S_IFMT == S_IFDIR {
                return (path, true)
            }
        }
        return ("/tmp/" + name, true)
    }

    private static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 8 - digits.count) + digits
    }

    /// Listens on `path`, owner only: the socket is bound inside a fresh private (0700)
    /// directory beside `path`, made 0600, then renamed into place, so no other user can
    /// ever connect. A stale socket at `path` (connecting is refused: its run is gone) is
    /// replaced.
    /// - Returns: the listening descriptor, and whether a stale socket was replaced.
    /// - Throws: ``AttachError`` when a live run listens there, something else is there,
    ///   or a system call fails.
    static func listenPrivately(at path: String) throws(AttachError) -> (descriptor: Int32, replacedStale: Bool) {
        var replacedStale = false
        var status = stat()
        if lstat(path, &status) == 0 {
            guard status.st_mode & S_IFMT == S_IFSOCK else { throw .setUp(path: path, reason: "something that is not a socket is there; remove it") }
            switch UnixSocket.connect(to: path) {
            case let .success(descriptor):
                close(descriptor)
                throw .setUp(path: path, reason: "another process listens on it")
            case let .failure(failure) where failure.code == ECONNREFUSED || failure.code == ENOENT:
                unlink(path)
                replacedStale = true
            case let .failure(failure):
                throw .setUp(path: path, reason: "cannot check the socket already there (\(failure.text))")
            }
        }
        let directory = (path as NSString).deletingLastPathComponent
        var template = Array((directory + "/" + bindDirectoryPrefix + "XXXXXX").utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw .setUp(path: path, reason: "cannot create a private directory in \(directory) (\(String(cString: strerror(errno))))")
        }
        let privateDirectory = String(cString: made)
        defer { rmdir(privateDirectory) }
        let temporary = privateDirectory + "/" + bindName
        let descriptor: Int32
        switch UnixSocket.listen(at: temporary) {
        case let .success(value): descriptor = value
        case let .failure(failure): throw .setUp(path: path, reason: "cannot listen (\(failure.text))")
        }
        guard chmod(temporary, 0o600) == 0, rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            close(descriptor)
            unlink(temporary)
            throw .setUp(path: path, reason: "cannot put the socket in place (\(reason))")
        }
        return (descriptor, replacedStale)
    }
}
