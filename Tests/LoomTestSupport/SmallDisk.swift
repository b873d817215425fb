import Foundation
import Testing

/// A tiny tmpfs mount for disk-full tests. Needs root (as on the CI machine); without it
/// the test is skipped locally and fails under CI, where it must run.
public final class SmallDisk {
    /// The mount point.
    public let url: URL

    /// Mounts a tmpfs of `kilobytes`; returns nil (after recording an issue when `CI` is
    /// set) if mounting is impossible.
    public init?(kilobytes: Int) throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("loom-disk-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        let status = try runProcess("/bin/mount", ["-t", "tmpfs", "-o", "size=\(kilobytes)k", "tmpfs", url.path]).status
        if status != 0 {
            try? FileManager.default.removeItem(at: url)
            if ProcessInfo.processInfo.environment["CI"] != nil {
                Issue.record("cannot mount a tmpfs for the disk-full test (needs root)")
            }
            return nil
        }
    }

    /// Unmounts the file system and removes the mount point.
    public func unmount() {
        _ = try? runProcess("/bin/umount", [url.path])
        try? FileManager.default.removeItem(at: url)
    }
}
