#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What `stat(2)` says of a path: its kind, size and modification time. One system call;
/// unlike `FileManager.attributesOfItem` it looks up no owner or group names (which
/// reads `/etc/passwd` and `/etc/group` on every call), so per-epoch checks stay cheap.
public struct FileStatus: Equatable, Sendable {
    /// The kinds of file Loom tells apart.
    public enum Kind: Sendable {
        /// A regular file.
        case regular
        /// A directory.
        case directory
        /// A symbolic link (seen only without following links).
        case symbolicLink
        /// Anything else: a socket, a pipe, a device.
        case other
    }

    /// The file's kind (of the link itself when the status was taken without following links).
    public var kind: Kind
    /// The size in bytes.
    public var size: Int
    /// The modification time, in whole seconds and nanoseconds since 1970.
    public var modified: (seconds: Int, nanoseconds: Int)

    /// The status of `path`, following a symbolic link at its end unless
    /// `followingLinks` is false; `nil` when the path does not exist or cannot be examined.
    public init?(path: String, followingLinks: Bool = true) {
        var info = stat()
        guard (followingLinks ? stat(path, &info) : lstat(path, &info)) == 0 else { return nil }
        switch info.st_mode & S_IFMT {
        case S_IFREG: kind = .regular
        case S_IFDIR: kind = .directory
        case S_IFLNK: kind = .symbolicLink
        default: kind = .other
        }
        size = Int(info.st_size)
        #if canImport(Glibc)
        modified = (Int(info.st_mtim.tv_sec), Int(info.st_mtim.tv_nsec))
        #else
        modified = (Int(info.st_mtimespec.tv_sec), Int(info.st_mtimespec.tv_nsec))
        #endif
    }

    /// Whether kind, size and modification time are all the same (a rewrite changes one).
    public static func == (a: FileStatus, b: FileStatus) -> Bool {
        a.kind == b.kind && a.size == b.size && a.modified == b.modified
    }
}
