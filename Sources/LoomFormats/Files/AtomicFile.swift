#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Writes files so that a crash at any instant leaves either the previous complete
/// version or the new complete version, never a torn file (docs/Architecture.md section 4).
///
/// The bytes go to a temporary file in the same directory, which is flushed to disk
/// (`fsync`) and renamed over the destination; the directory is then synced so that
/// the rename itself survives a power loss.
public enum AtomicFile {
    /// What of a write is on disk when it returns. Readers see the old or the new complete
    /// file either way; durability decides what a power loss (or an operating-system crash)
    /// can take back. A killed process loses nothing: its writes are in the page cache.
    public enum Durability: Sendable {
        /// The file and its new name (the default): `fsync` of the file, then of the directory.
        case full
        /// The file's bytes, not its new name: a power loss may leave the old file under
        /// the name. For a write followed by another in the same directory whose directory
        /// sync then covers both renames (a checkpoint, then the index naming it); a reader
        /// must cope with a newer file named by that other file going missing.
        case contents
        /// Nothing: a power loss may take the new file back. For files nobody needs after a
        /// crash, such as the description of a lock the crash released.
        case none
    }

    /// Atomically replaces (or creates) the file at `url` with `data`.
    ///
    /// - Parameters:
    ///   - data: the complete new contents.
    ///   - url: the destination; its directory must exist.
    ///   - durability: what is on disk when the call returns (``Durability/full`` by default).
    /// - Throws: ``FileWriteError`` naming the path and the system's reason. On error
    ///   the destination is untouched and the temporary file is removed.
    public static func write(_ data: Data, to url: URL, durability: Durability = .full) throws(FileWriteError) {
        try write(to: url, durability: durability) { sink in data.withUnsafeBytes { sink.write($0) } }
    }

    /// Atomically replaces (or creates) the file at `url` with the bytes that `produce`
    /// hands to the sink, in order, without assembling them in one buffer first (a large
    /// checkpoint is streamed array by array).
    ///
    /// - Parameters:
    ///   - url: the destination; its directory must exist.
    ///   - durability: what is on disk when the call returns (``Durability/full`` by default).
    ///   - produce: writes the complete new contents through ``Sink/write(_:)``.
    /// - Throws: ``FileWriteError``; the destination is untouched and the temporary file removed.
    public static func write(to url: URL, durability: Durability = .full, _ produce: (inout Sink) -> Void) throws(FileWriteError) {
        let path = url.path
        let directory = url.deletingLastPathComponent().path
        let temporary = directory + "/." + url.lastPathComponent + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw FileWriteError(path: path, operation: "create a temporary file", errno: errno) }
        var sink = Sink(fd: fd, path: path)
        produce(&sink)
        var failure = sink.failure
        if failure == nil, durability != .none, fsync(fd) != 0 { failure = FileWriteError(path: path, operation: "flush (fsync)", errno: errno) }
        if close(fd) != 0, failure == nil { failure = FileWriteError(path: path, operation: "close", errno: errno) }
        if failure == nil, rename(temporary, path) != 0 {
            failure = FileWriteError(path: path, operation: "rename the temporary file into place", errno: errno)
        }
        if let failure {
            unlink(temporary)
            throw failure
        }
        if durability == .full { syncDirectory(directory) }
    }

    /// Where ``write(to:_:)`` sends bytes: a temporary file. After the first failed write
    /// it ignores further bytes and the whole write throws that failure.
    public struct Sink {
        fileprivate let fd: Int32
        fileprivate let path: String
        fileprivate var failure: FileWriteError?

        /// Appends `bytes` to the file.
        public mutating func write(_ bytes: UnsafeRawBufferPointer) {
            guard failure == nil, let base = bytes.baseAddress else { return }
            var offset = 0
            while offset < bytes.count {
                let written = Glibc_write(fd, base + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = FileWriteError(path: path, operation: "write", errno: errno)
                    return
                }
                offset += written
            }
        }
    }

    /// Atomically makes `url` a second name of the file at `source` (a hard link through a
    /// temporary name, renamed into place; then the directory is synced unless
    /// `syncingDirectory` is false): a copy that costs no data write, for files that are
    /// never changed in place.
    ///
    /// - Returns: `false` when the file system refuses (no hard links, another device);
    ///   the destination is then untouched and the caller should copy the bytes.
    public static func link(_ source: URL, to url: URL, syncingDirectory: Bool = true) -> Bool {
        let directory = url.deletingLastPathComponent().path
        let temporary = directory + "/." + url.lastPathComponent + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        guard Glibc_link(source.path, temporary) == 0 else { return false }
        guard rename(temporary, url.path) == 0 else {
            unlink(temporary)
            return false
        }
        if syncingDirectory { syncDirectory(directory) }
        return true
    }

    /// Atomically replaces (or creates) the file at `url` with the UTF-8 bytes of `text`
    /// (as durable as `durability` says, as for the `Data` overload).
    public static func write(_ text: String, to url: URL, durability: Durability = .full) throws(FileWriteError) {
        try write(Data(text.utf8), to: url, durability: durability)
    }

    /// Flushes a directory's entries (new names, renames) to disk. Best effort: some file
    /// systems refuse to open directories for syncing, which loses nothing that `fsync`
    /// of the file did not already guarantee there.
    public static func syncDirectory(_ directory: String) {
        let fd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        _ = fsync(fd)
        _ = close(fd)
    }
}

@inline(__always)
private func Glibc_link(_ source: String, _ destination: String) -> Int32 {
    #if canImport(Glibc)
    return Glibc.link(source, destination)
    #else
    return Darwin.link(source, destination)
    #endif
}

/// `write(2)`, named apart from the methods called `write` (shared by LoomFormats' file writers).
@inline(__always)
func Glibc_write(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    return Glibc.write(fd, buffer, count)
    #else
    return Darwin.write(fd, buffer, count)
    #endif
}

/// A file could not be written; the message names the file, the step that failed and
/// the operating system's reason (for example "No space left on device").
public struct FileWriteError: Error, CustomStringConvertible, Equatable {
    /// The file that was being written.
    public let path: String
    /// The step that failed, e.g. "write" or "flush (fsync)".
    public let operation: String
    /// The `errno` value reported by the system.
    public let code: Int32

    /// Creates an error for a failed `operation` on `path` with the system error `errno`.
    public init(path: String, operation: String, errno: Int32) {
        self.path = path
        self.operation = operation
        self.code = errno
    }

    /// The system's description of ``code``.
    public var reason: String { String(cString: strerror(code)) }

    public var description: String {
        "cannot \(operation) for '\(path)': \(reason); the previous version of the file is unchanged"
    }
}
