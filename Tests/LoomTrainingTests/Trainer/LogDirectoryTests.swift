import Foundation
import Testing
@testable import LoomTraining

@Suite struct LogDirectoryTests {
    private func prepare(_ harness: Harness) throws -> URL {
        let dir = harness.root.appendingPathComponent("train_log/test")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try "old".write(to: dir.appendingPathComponent("old.txt"), atomically: true, encoding: .utf8)
        return dir
    }

    private func run(_ harness: Harness, _ action: LogDirectoryAction) throws {
        _ = try Trainer(harness.config(FakeBackend(), logLocation: .automatic, action: action)).train()
    }

    @Test func refuseIsTheDefaultAndNamesTheDirectory() throws {
        let harness = try Harness()
        let dir = try prepare(harness)
        #expect(throws: TrainerError.logDirectoryNotEmpty(path: dir.path)) { try run(harness, .refuse) }
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("old.txt").path))
        #expect(TrainerError.logDirectoryNotEmpty(path: "/x").description.contains("choose an action (keep, delete, backUp)"))
    }

    @Test func keepKeepsFilesAndWritesTheLog() throws {
        let harness = try Harness()
        let dir = try prepare(harness)
        try run(harness, .keep)
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("old.txt").path))
        let log = try String(contentsOf: dir.appendingPathComponent("log.log"), encoding: .utf8)
        #expect(log.hasPrefix("[1114 22:13:20] Log directory: \(dir.path)\n"))
        #expect(harness.output.text.hasSuffix(log))
        #expect(log.contains("] Epoch 2 (global_step 6) finished, time: 0 seconds.\n"))
    }

    @Test func deleteStartsAfresh() throws {
        let harness = try Harness()
        let dir = try prepare(harness)
        try run(harness, .forceDelete)
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("old.txt").path))
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("log.log").path))
    }

    @Test func backUpRenamesWithATimestamp() throws {
        let harness = try Harness()
        let dir = try prepare(harness)
        try run(harness, .backUp)
        let backup = harness.root.appendingPathComponent("train_log/test.1114-221320/old.txt")
        #expect(try String(contentsOf: backup, encoding: .utf8) == "old")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("old.txt").path))
        #expect(harness.messages.contains("Moved the old log directory to \(dir.path).1114-221320"))
    }
}
