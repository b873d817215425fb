import Foundation
import Testing
@testable import LoomTraining
import LoomTestSupport

/// `delete` deletes only Loom log directories; one run per directory; stale temporary files go.
@Suite struct LogDirectorySafetyTests {
    private func logDirectory(_ harness: Harness) -> URL { harness.root.appendingPathComponent("train_log/test") }

    private func files(_ url: URL) -> [String] {
        ((try? FileManager.default.subpathsOfDirectory(atPath: url.path)) ?? []).sorted()
    }

    @Test func deleteRefusesADirectoryWithTheUsersFiles() throws {
        let harness = try Harness()
        let directory = logDirectory(harness)
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("sub"), withIntermediateDirectories: true)
        try Data("mine".utf8).write(to: directory.appendingPathComponent("important.txt"))
        try Data([1, 2, 3]).write(to: directory.appendingPathComponent("sub/data.bin"))
        try Data("{}".utf8).write(to: directory.appendingPathComponent("checkpoint.json"))
        let before = files(directory)
        #expect(throws: TrainerError.notALoomLogDirectory(path: directory.path, foreign: ["important.txt", "sub/"])) {
            _ = try Trainer(harness.config(FakeBackend(), logLocation: .automatic, action: .delete)).train()
        }
        #expect(files(directory) == before)
        #expect(TrainerError.notALoomLogDirectory(path: "/d", foreign: ["important.txt", "sub/"]).description
            == "refused to delete '/d': it is not a Loom log directory (it holds important.txt, sub/); use backup to keep it, another directory, or force the deletion (--force)")

        _ = try Trainer(harness.config(FakeBackend(), logLocation: .automatic, action: .forceDelete)).train()
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("important.txt").path))
    }

    @Test func deleteRemovesALoomLogDirectory() throws {
        let harness = try Harness()
        _ = try Trainer(harness.config(FakeBackend(), monitors: [JSONWriter()], logLocation: .automatic)).train()
        let directory = logDirectory(harness)
        try Data("x".utf8).write(to: directory.appendingPathComponent(".stats.json.tmp-1-2"))
        try Data("model".utf8).write(to: directory.appendingPathComponent("model-6.safetensors"))
        #expect(LogDirectoryContents.foreignEntries(in: directory).isEmpty, "\(files(directory))")
        _ = try Trainer(harness.config(FakeBackend(), logLocation: .automatic, action: .delete)).train()
        #expect(!files(directory).contains("model-6.safetensors"))
        #expect(harness.messages.contains("Deleted the old log directory \(directory.path)"))
    }

    @Test func theAttachSocketOfAKilledRunIsLoomsOwn() throws {
        let harness = try Harness()
        let directory = logDirectory(harness)
        try FileManager.default.createDirectory(at: directory.appendingPathComponent(".aQ3xZ9k"), withIntermediateDirectories: true)
        for path in ["attach.sock", ".aQ3xZ9k/s"] {
            close(try UnixSocket.listen(at: directory.appendingPathComponent(path).path).get())  // left by a killed run
        }
        try Data("/tmp/loom-0-0123456789abcdef.sock\n".utf8).write(to: directory.appendingPathComponent("attach.sock.path"))
        #expect(LogDirectoryContents.foreignEntries(in: directory).isEmpty, "\(files(directory))")
        close(try UnixSocket.listen(at: directory.appendingPathComponent("other.sock").path).get())
        try Data().write(to: directory.appendingPathComponent(".aQ3xZ9k/mine"))
        #expect(LogDirectoryContents.foreignEntries(in: directory) == [".aQ3xZ9k/", "other.sock"])
    }

    @Test func aSecondRunOnALockedDirectoryRefusesAndChangesNothing() throws {
        let harness = try Harness()
        let directory = logDirectory(harness)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Data("[]".utf8).write(to: directory.appendingPathComponent("stats.json"))
        // Another process holds the lock, as a second `loom train` finds it (a descriptor
        // of this test process could be closed by any test running beside it).
        let first = try LockHolder(directory: directory)
        try Data("process 4242 on host, started 1204-205500\n".utf8).write(to: directory.appendingPathComponent(LogDirectoryLock.fileName))
        for action in [LogDirectoryAction.keep, .delete, .backUp] {
            #expect(throws: TrainerError.logDirectoryLocked(path: directory.path, holder: "process 4242 on host, started 1204-205500")) {
                _ = try Trainer(harness.config(FakeBackend(), monitors: [JSONWriter()], logLocation: .automatic, action: action)).train()
            }
        }
        #expect(files(directory) == [".loom.lock", "stats.json"])
        #expect(try String(contentsOf: directory.appendingPathComponent("stats.json"), encoding: .utf8) == "[]")
        first.release()
        // Released (as the kernel does when the holder dies): the next run proceeds.
        _ = try Trainer(harness.config(FakeBackend(), monitors: [JSONWriter()], logLocation: .automatic, action: .keep)).train()
        let lockText = try String(contentsOf: directory.appendingPathComponent(".loom.lock"), encoding: .utf8)
        #expect(lockText.hasPrefix("process \(ProcessInfo.processInfo.processIdentifier) on "))
    }

    @Test func theLockIsHeldDuringTheRunAndReleasedAfter() throws {
        let harness = try Harness()
        let directory = logDirectory(harness)
        var heldDuringRun = false
        let probe = LambdaCallback(trigger: { _ in
            heldDuringRun = (try? LogDirectoryLock(directory: directory)) == nil
        })
        _ = try Trainer(harness.config(FakeBackend(), callbacks: [probe], logLocation: .automatic)).train()
        #expect(heldDuringRun)
        #expect((try? LogDirectoryLock(directory: directory)) != nil)
    }

    @Test func staleTemporaryFilesAreRemovedAtStart() throws {
        let harness = try Harness()
        let directory = logDirectory(harness)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for name in [".model-9.safetensors.tmp-77-123", ".checkpoint.json.tmp-77-5", "log.log"] {
            try Data("x".utf8).write(to: directory.appendingPathComponent(name))
        }
        _ = try Trainer(harness.config(FakeBackend(), logLocation: .automatic, action: .keep)).train()
        #expect(!files(directory).contains { $0.contains(".tmp-") })
        #expect(harness.messages.contains(
            "WRN Removed 2 temporary file(s) left by an interrupted write: .checkpoint.json.tmp-77-5, .model-9.safetensors.tmp-77-123"))
    }
}

/// Holds a log directory's lock until ``release()``: `flock(1)` in a child process on
/// Linux, this process's own ``LogDirectoryLock`` elsewhere.
private final class LockHolder {
    #if os(Linux)
    private let process = Process()
    private let input = Pipe()
    #else
    private let lock: LogDirectoryLock
    #endif

    init(directory: URL) throws {
        #if os(Linux)
        process.executableURL = URL(fileURLWithPath: "/usr/bin/flock")
        process.arguments = ["--exclusive", directory.path, "cat"]
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        // Held once a non-blocking attempt from here fails.
        for _ in 0..<1_000 {
            let descriptor = open(directory.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            defer { close(descriptor) }
            if flock(descriptor, LOCK_EX | LOCK_NB) != 0 { return }
            flock(descriptor, LOCK_UN)
            usleep(10_000)
        }
        Issue.record("flock(1) did not take the lock of \(directory.path) within 10 s")
        #else
        lock = try LogDirectoryLock(directory: directory)
        #endif
    }

    /// Lets the lock go (as the kernel does when the holder dies).
    func release() {
        #if os(Linux)
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
        #else
        lock.release()
        #endif
    }
}
