import Foundation
import Testing
@testable import LoomFormats
import LoomTestSupport

/// A crash or a full disk during a save never leaves an unreadable latest checkpoint.
@Suite struct CheckpointStoreCrashTests {
    @Test func processKilledMidWriteLeavesThePreviousLatest() throws {
        let dir = try TemporaryDirectory()
        let log = WarningLog()
        let store = CheckpointStore(directory: dir.url, warn: log.handler)
        try store.save(sampleCheckpoint(step: 300))
        let indexBefore = try Data(contentsOf: dir.url.appendingPathComponent("checkpoint.json"))
        // A writer that dies (SIGKILL) halfway through its temporary file.
        let temporary = dir.url.appendingPathComponent(".model-400.safetensors.tmp-999-1").path
        let result = try runProcess("/bin/sh", ["-c", "head -c 40 '\(store.url(step: 300).path)' > '\(temporary)'; kill -9 $$; echo unreachable"])
        #expect(result.status == 9)
        #expect(FileManager.default.fileExists(atPath: temporary))
        #expect(try Data(contentsOf: dir.url.appendingPathComponent("checkpoint.json")) == indexBefore)
        #expect(try store.loadLatest().checkpoint == sampleCheckpoint(step: 300))
        #expect(log.all.isEmpty)
    }

    @Test func tornLatestNamedByTheIndexFallsBack() throws {
        let dir = try TemporaryDirectory()
        let log = WarningLog()
        let store = CheckpointStore(directory: dir.url, warn: log.handler)
        try store.save(sampleCheckpoint(step: 300))
        try store.save(sampleCheckpoint(step: 400))
        let torn = store.url(step: 400)
        try Data(try Data(contentsOf: torn).prefix(50)).write(to: torn)
        #expect(try store.loadLatest().checkpoint == sampleCheckpoint(step: 300))
        #expect(log.files == ["model-400.safetensors"])
    }

    /// The state a power loss can leave where a file system did not keep the checkpoint's
    /// rename before the index's (the store syncs the directory once, after the index):
    /// the index names a latest checkpoint that is not there.
    @Test func latestNamedByTheIndexButMissingFallsBack() throws {
        let dir = try TemporaryDirectory()
        let log = WarningLog()
        let store = CheckpointStore(directory: dir.url, warn: log.handler)
        try store.save(sampleCheckpoint(step: 300))
        try store.save(sampleCheckpoint(step: 400))
        try FileManager.default.removeItem(at: store.url(step: 400))
        #expect(store.latest()?.step == 400)
        #expect(try store.loadLatest().checkpoint == sampleCheckpoint(step: 300))
        #expect(log.files == ["model-400.safetensors"])
    }

    /// A 64 KiB tmpfs: the big save fails with ENOSPC; the previous latest and the index are untouched.
    @Test func fullDiskKeepsPreviousLatestAndIndex() throws {
        guard let disk = try SmallDisk(kilobytes: 64) else { return }
        defer { disk.unmount() }
        let store = CheckpointStore(directory: disk.url, warn: { _ in })
        try store.save(sampleCheckpoint(step: 1))
        let indexURL = disk.url.appendingPathComponent("checkpoint.json")
        let indexBefore = try Data(contentsOf: indexURL)
        var big = sampleCheckpoint(step: 2)
        big.arrays.append(NamedArray(name: "huge", shape: [100_000], values: [Float](repeating: 1, count: 100_000)))
        let error = caught(CheckpointError.self) { try store.save(big) }
        guard case let .writeFailed(failure)? = error else { Issue.record("expected writeFailed, got \(String(describing: error))"); return }
        #expect(failure.code == ENOSPC)
        #expect(failure.path == store.url(step: 2).path)
        #expect(try Data(contentsOf: indexURL) == indexBefore)
        #expect(try store.loadLatest().checkpoint == sampleCheckpoint(step: 1))
        #expect(try FileManager.default.contentsOfDirectory(atPath: disk.url.path).sorted() == ["checkpoint.json", "model-1.safetensors"])
    }
}
