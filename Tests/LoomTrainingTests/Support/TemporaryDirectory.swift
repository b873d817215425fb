import Foundation
import Testing

/// A fresh directory under the system's temporary directory, removed when released.
final class TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("loom-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }
}

/// A tiny tmpfs mount for disk-full tests. Needs root (as on the CI machine); without it
/// the test is skipped locally and fails under CI, where it must run.
final class SmallDisk {
    let url: URL

    /// Returns nil (after recording an issue when `CI` is set) if mounting is impossible.
    init?(kilobytes: Int) throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("loom-disk-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        let mount = Process()
        mount.executableURL = URL(fileURLWithPath: "/bin/mount")
        mount.arguments = ["-t", "tmpfs", "-o", "size=\(kilobytes)k", "tmpfs", url.path]
        mount.standardError = FileHandle.nullDevice
        try mount.run()
        mount.waitUntilExit()
        if mount.terminationStatus != 0 {
            try? FileManager.default.removeItem(at: url)
            if ProcessInfo.processInfo.environment["CI"] != nil {
                Issue.record("cannot mount a tmpfs for the disk-full test (needs root)")
            }
            return nil
        }
    }

    func unmount() {
        let umount = Process()
        umount.executableURL = URL(fileURLWithPath: "/bin/umount")
        umount.arguments = [url.path]
        try? umount.run()
        umount.waitUntilExit()
        try? FileManager.default.removeItem(at: url)
    }
}
