import Foundation
import Testing
@testable import LoomFormats
import LoomTestSupport

@Suite struct CheckpointStoreTests {
    func files(_ dir: TemporaryDirectory) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: dir.url.path).sorted()
    }

    @Test func checkpointRoundTripsThroughTheStore() throws {
        let dir = try TemporaryDirectory()
        let log = WarningLog()
        let store = CheckpointStore(directory: dir.url, warn: log.handler)
        #expect(!CheckpointStore.hasCheckpoints(in: dir.url))
        var checkpoint = sampleCheckpoint(step: 300, epoch: 3)
        checkpoint.rngState = #"{"seed":[1,2]}"#
        checkpoint.userMetadata = ["user": "x"]
        try checkpoint.setCallbackState(["best": Double.infinity], forKey: "MinSaver(val/error)")
        try store.save(checkpoint)
        #expect(CheckpointStore.hasCheckpoints(in: dir.url))
        let loaded = try store.loadLatest()
        #expect(loaded.url.lastPathComponent == "model-300.safetensors")
        #expect(loaded.checkpoint == checkpoint)
        #expect(try loaded.checkpoint.callbackState([String: Double].self, forKey: "MinSaver(val/error)") == ["best": .infinity])
        #expect(try files(dir) == ["checkpoint.json", "model-300.safetensors"])
        #expect(store.latest() == CheckpointIndex.Entry(file: "model-300.safetensors", step: 300, epoch: 3, time: checkpoint.createdAt))
        #expect(log.all.isEmpty)
    }

    @Test func invalidJSONSectionIsRejectedBeforeWriting() throws {
        let dir = try TemporaryDirectory()
        let store = CheckpointStore(directory: dir.url, warn: { _ in })
        var checkpoint = sampleCheckpoint(step: 1)
        checkpoint.callbackStates["broken"] = "{oops"
        let error = caught(CheckpointError.self) { try store.save(checkpoint) }
        #expect(error?.description == "the callback state 'broken' is not valid JSON (at byte 1: expected a quoted member name); store JSON text produced by a JSON encoder")
        #expect(try files(dir).isEmpty)
    }

    @Test func pruningKeepsMaxToKeepAndEveryNHours() throws {
        let dir = try TemporaryDirectory()
        let store = CheckpointStore(directory: dir.url, maxToKeep: 2, keepEveryNHours: 1, warn: { _ in })
        // One checkpoint every 0.4 hours: evicted ones at ≥ 1 h after the last kept one survive.
        for step in 1...8 { try store.save(sampleCheckpoint(step: step, hours: Double(step - 1) * 0.4)) }
        let index = store.currentIndex()
        #expect(index.checkpoints.map(\.step) == [7, 8])
        #expect(index.preserved.map(\.step) == [4])
        #expect(try files(dir) == ["checkpoint.json", "model-4.safetensors", "model-7.safetensors", "model-8.safetensors"])

        let plain = try TemporaryDirectory()
        let small = CheckpointStore(directory: plain.url, maxToKeep: 3, warn: { _ in })
        for step in [10, 20, 30, 40, 50] { try small.save(sampleCheckpoint(step: step)) }
        #expect(try files(plain) == ["checkpoint.json", "model-30.safetensors", "model-40.safetensors", "model-50.safetensors"])
    }

    @Test func corruptLatestFallsBackWithAWarningNamingTheFile() throws {
        let dir = try TemporaryDirectory()
        let log = WarningLog()
        let store = CheckpointStore(directory: dir.url, warn: log.handler)
        for step in [100, 200, 300] { try store.save(sampleCheckpoint(step: step)) }
        let latest = store.url(step: 300)
        let whole = try Data(contentsOf: latest)
        try whole.prefix(whole.count - 10).write(to: latest)  // torn: data cut short
        let loaded = try store.loadLatest()
        #expect(loaded.checkpoint == sampleCheckpoint(step: 200))
        #expect(log.files == ["model-300.safetensors"])
        #expect(log.all[0].message.hasPrefix("skipping unreadable checkpoint: checkpoint 'model-300.safetensors' is truncated: the header says 60 data bytes, the file has 50"))

        try FileManager.default.removeItem(at: store.url(step: 200))  // missing file named by the index
        #expect(try store.loadLatest().checkpoint.globalStep == 100)
        #expect(log.files == ["model-300.safetensors", "model-300.safetensors", "model-200.safetensors"])

        try Data("garbage".utf8).write(to: store.url(step: 100))
        let error = caught(CheckpointError.self) { _ = try store.loadLatest() }
        guard case let .noReadableCheckpoint(directory, failures)? = error else { Issue.record("expected noReadableCheckpoint, got \(String(describing: error))"); return }
        #expect(directory == dir.url.path)
        #expect(failures.count == 3)
        #expect(failures[2] == "checkpoint 'model-100.safetensors' is truncated: it has 7 bytes, fewer than the 8-byte header length")
    }

    @Test func missingOrCorruptIndexIsRebuiltFromFiles() throws {
        let dir = try TemporaryDirectory()
        let log = WarningLog()
        let store = CheckpointStore(directory: dir.url, maxToKeep: 2, warn: log.handler)
        for step in [5, 6, 7] { try store.save(sampleCheckpoint(step: step)) }
        let indexURL = dir.url.appendingPathComponent("checkpoint.json")
        try FileManager.default.removeItem(at: indexURL)
        #expect(try store.loadLatest().checkpoint.globalStep == 7)
        #expect(log.all.map(\.message) == ["checkpoint index 'checkpoint.json' in '\(dir.url.path)' is missing; rebuilt it from the 2 readable checkpoint file(s) on disk"])

        try Data("{\"latest\": ".utf8).write(to: indexURL)
        #expect(store.latest()?.step == 7)
        #expect(log.all.count == 2 && log.all[1].message.contains("is corrupt ("))
        try store.save(sampleCheckpoint(step: 8))  // the rebuilt index is written back
        #expect(store.currentIndex().checkpoints.map(\.step) == [7, 8])
        #expect(log.all.count == 3)
        #expect(try files(dir) == ["checkpoint.json", "model-7.safetensors", "model-8.safetensors"])
    }

    @Test func aFileNewerThanTheIndexIsUsed() throws {
        let dir = try TemporaryDirectory()
        let store = CheckpointStore(directory: dir.url, warn: { _ in })
        try store.save(sampleCheckpoint(step: 1))
        // A crash after the checkpoint was written but before the index named it.
        try sampleCheckpoint(step: 2).write(to: store.url(step: 2))
        #expect(try store.loadLatest().checkpoint.globalStep == 2)
    }

    @Test func bestCopiesAndTopKSurviveARestart() throws {
        let dir = try TemporaryDirectory()
        let first = CheckpointStore(directory: dir.url, maxToKeep: 10, warn: { _ in })
        let values: [Int: Double] = [1: 0.5, 2: 0.3, 3: 0.4]
        for step in 1...3 {
            try first.save(sampleCheckpoint(step: step))
            try first.updateTopK(stat: "val/error", direction: .min, k: 2, value: values[step] ?? 0, step: step)
        }
        try first.copy(step: 2, toName: CheckpointStore.copyName(stat: "val/error", direction: .min), value: 0.3)
        // A new store object on the same directory, as after a restart.
        let second = CheckpointStore(directory: dir.url, maxToKeep: 10, warn: { _ in })
        try second.save(sampleCheckpoint(step: 4))
        let list = try second.updateTopK(stat: "val/error", direction: .min, k: 2, value: 0.1, step: 4)
        #expect(list.map(\.step) == [4, 2])
        #expect(list.map(\.file) == ["min-val_error-step4.safetensors", "min-val_error-step2.safetensors"])
        #expect(try files(dir).filter { $0.hasPrefix("min-") } == ["min-val_error-step2.safetensors", "min-val_error-step4.safetensors", "min-val_error.safetensors"])
        #expect(second.currentIndex().copies["min-val_error"] == CheckpointIndex.Copy(file: "min-val_error.safetensors", step: 2, value: 0.3))
        let best = try Checkpoint.load(contentsOf: dir.url.appendingPathComponent("min-val_error.safetensors"))
        #expect(best == sampleCheckpoint(step: 2))
        try second.save(sampleCheckpoint(step: 5))
        let unchanged = try second.updateTopK(stat: "val/error", direction: .min, k: 2, value: 0.95, step: 5)
        #expect(unchanged == list)
        let updated = try second.updateTopK(stat: "val/error", direction: .min, k: 2, value: 0.9, step: 4)
        #expect(updated.map(\.step) == [2, 4])
        #expect(updated.map(\.value) == [0.3, 0.9])
        #expect(try files(dir).filter { $0.hasPrefix("min-") }.count == 3)
    }

    /// A copy names the checkpoint's own file (no bytes written) and outlives the checkpoint.
    @Test func aCopySharesTheFileAndOutlivesTheCheckpoint() throws {
        let dir = try TemporaryDirectory()
        let store = CheckpointStore(directory: dir.url, maxToKeep: 1, warn: { _ in })
        let checkpoint = sampleCheckpoint(step: 2)
        try store.save(checkpoint)
        let copy = try store.copy(step: 2, toName: "min-loss", value: 0.5)
        let source = dir.url.appendingPathComponent("model-2.safetensors")
        let inode = { (url: URL) in try FileManager.default.attributesOfItem(atPath: url.path)[.systemFileNumber] as? Int }
        #expect(try inode(copy) == inode(source))
        try store.save(sampleCheckpoint(step: 3))
        #expect(try files(dir) == ["checkpoint.json", "min-loss.safetensors", "model-3.safetensors"])
        #expect(try Checkpoint.load(contentsOf: copy) == checkpoint)
    }

    @Test func copyErrorsAreTyped() throws {
        let dir = try TemporaryDirectory()
        let store = CheckpointStore(directory: dir.url, warn: { _ in })
        try store.save(sampleCheckpoint(step: 1))
        #expect(caught(CheckpointError.self) { try store.copy(step: 9, toName: "best") }
            == .unknownStep(9, directory: dir.url.path, kept: [1]))
        #expect(caught(CheckpointError.self) { try store.copy(step: 1, toName: "a/b") }?.description
            == "'a/b': a copy name must be non-empty, not start with '.', and use only letters, digits, '.', '_', '-'")
        #expect(caught(CheckpointError.self) { try store.copy(step: 1, toName: "model-5") } != nil)
    }
}
