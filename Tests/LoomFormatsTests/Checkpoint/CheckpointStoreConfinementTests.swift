import Foundation
import Testing
@testable import LoomFormats
import LoomTestSupport

/// File names read from `checkpoint.json` never lead the store outside its directory.
@Suite struct CheckpointStoreConfinementTests {
    /// A log directory inside a parent that also holds a user's file.
    private func setUp() throws -> (parent: TemporaryDirectory, logDirectory: URL, precious: URL) {
        let parent = try TemporaryDirectory()
        let logDirectory = parent.url.appendingPathComponent("run")
        try FileManager.default.createDirectory(at: logDirectory, withIntermediateDirectories: true)
        let precious = try parent.write("keep me", to: "precious.txt")
        return (parent, logDirectory, precious)
    }

    @Test func indexEntriesOutsideTheDirectoryAreIgnoredAndNeverDeleted() throws {
        let (parent, directory, precious) = try setUp()
        _ = parent
        let log = WarningLog()
        let store = CheckpointStore(directory: directory, maxToKeep: 1, warn: log.handler)
        try store.save(sampleCheckpoint(step: 1))
        let indexURL = directory.appendingPathComponent("checkpoint.json")
        var text = try String(contentsOf: indexURL, encoding: .utf8)
        text = text.replacingOccurrences(of: "\"checkpoints\" : [", with: "\"checkpoints\": [")
        let hostile = #"{"epoch": 0, "file": "../precious.txt", "step": 1, "time": 1}, {"epoch": 0, "file": "\#(precious.path)", "step": 2, "time": 1}, "#
        text = text.replacingOccurrences(of: "\"checkpoints\": [", with: "\"checkpoints\": [" + hostile)
        text = text.replacingOccurrences(of: "\"copies\": {}", with: #""copies": {"min-x": {"file": "../precious.txt", "step": 1, "value": 0.5}}"#)
        try text.write(to: indexURL, atomically: true, encoding: .utf8)
        #expect(text.contains("../precious.txt"))

        for step in 2...4 { try store.save(sampleCheckpoint(step: step)) }
        #expect(try String(contentsOf: precious, encoding: .utf8) == "keep me")
        #expect(log.all.map(\.message).contains(
            "checkpoint.json: entry checkpoints[0] names '../precious.txt', which is not a checkpoint file of this log directory; ignored it (Loom never reads, overwrites or deletes such a file)"))
        #expect(log.all.map(\.message).contains { $0.contains("entry checkpoints[1] names '\(precious.path)'") })
        #expect(log.all.map(\.message).contains { $0.contains("entry copies.min-x names '../precious.txt'") })
        #expect(store.currentIndex().checkpoints.map(\.file) == ["model-4.safetensors"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == ["checkpoint.json", "model-4.safetensors"])
    }

    @Test func symbolicLinksAreNeitherReadNorDeleted() throws {
        let (parent, directory, precious) = try setUp()
        _ = parent
        let log = WarningLog()
        let store = CheckpointStore(directory: directory, maxToKeep: 1, warn: log.handler)
        try store.save(sampleCheckpoint(step: 1))
        // A checkpoint-named link to a file outside, newer than every real checkpoint.
        let outside = parent.url.appendingPathComponent("elsewhere.safetensors")
        try FileManager.default.copyItem(at: directory.appendingPathComponent("model-1.safetensors"), to: outside)
        try FileManager.default.createSymbolicLink(at: directory.appendingPathComponent("model-9.safetensors"), withDestinationURL: outside)
        let loaded = try store.loadLatest()
        #expect(loaded.url.lastPathComponent == "model-1.safetensors")
        #expect(log.files.contains("model-9.safetensors"))
        store.remove("model-9.safetensors")
        #expect(FileManager.default.fileExists(atPath: outside.path))
        #expect(try String(contentsOf: precious, encoding: .utf8) == "keep me")
    }

    @Test func indexRoundTripsWithNonFiniteValues() throws {
        let directory = try TemporaryDirectory()
        let store = CheckpointStore(directory: directory.url, warn: { _ in })
        try store.save(sampleCheckpoint(step: 5))
        try store.copy(step: 5, toName: "min-loss", value: .nan)
        let index = store.currentIndex()
        #expect(index.copies["min-loss"]?.value?.isNaN == true)
        #expect(index.checkpoints.map(\.step) == [5])
    }
}
