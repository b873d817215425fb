#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// One run per log directory: an advisory `flock` on the directory itself, held for the
/// run's whole life, with the holder described in `<logdir>/.loom.lock`. A second run on
/// the same directory fails at once and names the process that holds it; a lock left by a
/// killed process never blocks, because the kernel drops it with the process. Taking the
/// lock writes nothing, so a directory that a run then refuses is left as it was.
/// Readers (`loom stats`, `plot`, `inspect`) take none.
final class LogDirectoryLock {
    /// The name of the file describing the holder, inside the log directory.
    static let fileName = ".loom.lock"
    private var descriptor: Int32

    /// Takes the lock of `directory` (which must exist) without waiting.
    ///
    /// - Throws: ``TrainerError/logDirectoryLocked(path:holder:)`` when another process
    ///   holds it, ``TrainerError/logDirectory(path:operation:reason:)`` when the directory
    ///   cannot be opened.
    init(directory: URL) throws {
        descriptor = open(directory.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw TrainerError.logDirectory(path: directory.path, operation: "lock", reason: String(cString: strerror(errno)))
        }
        // A forked child that has not yet exec'd holds a copy of a just-released lock's
        // descriptor for a moment; only a lock still held after half a second is another run's.
        var locked = flock(descriptor, LOCK_EX | LOCK_NB) == 0
        for _ in 0..<50 where !locked && errno == EWOULDBLOCK {
            usleep(10_000)
            locked = flock(descriptor, LOCK_EX | LOCK_NB) == 0
        }
        guard locked else {
            close(descriptor)
            let file = directory.appendingPathComponent(Self.fileName).path
            let holder = (try? String(contentsOfFile: file, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            throw TrainerError.logDirectoryLocked(path: directory.path, holder: holder.isEmpty ? "another process" : holder)
        }
    }

    /// Describes the holder in `.loom.lock` for a second run to show, e.g. `process 4242 on
    /// host, started 1204-205500`. Replaced atomically but not flushed to disk: a crash
    /// releases the lock, so the description is worth nothing after one.
    func describe(holder: String, in directory: URL) {
        try? AtomicFile.write(holder + "\n", to: directory.appendingPathComponent(Self.fileName), durability: .none)
    }

    /// Releases the lock (the file stays, so no other run can race on its creation).
    func release() {
        guard descriptor >= 0 else { return }
        close(descriptor)
        descriptor = -1
    }

    deinit { release() }
}
