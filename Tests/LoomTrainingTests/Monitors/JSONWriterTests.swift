import Foundation
import Testing
@testable import LoomTraining

@Suite struct JSONWriterTests {
    /// Puts `a` at global step 1, `c` at an epoch's last step, `b` every epoch.
    private func putter() -> LambdaCallback {
        LambdaCallback(
            triggerStep: { context in
                if context.loop.globalStep == 1 { try context.monitors.put(scalar: 0.5, name: "a") }
                if context.loop.globalStep == 3 { try context.monitors.put(scalar: 1e-5, name: "c") }
            },
            trigger: { context in try context.monitors.put(scalar: 0.25, name: "b") })
    }

    private func stats(_ harness: Harness) throws -> String {
        try String(contentsOf: harness.root.appendingPathComponent("train_log/test/stats.json"), encoding: .utf8)
    }

    @Test func writesTensorpackLayout() throws {
        let harness = try Harness()
        _ = try Trainer(harness.config(FakeBackend(), callbacks: [putter()], monitors: [JSONWriter()], logLocation: .automatic)).train()
        #expect(try stats(harness) == """
        [{"a": 0.5, "epoch_num": 1, "global_step": 1}, {"c": 1e-05, "b": 0.25, "epoch_num": 1, "global_step": 3}, \
        {"b": 0.25, "epoch_num": 2, "global_step": 6}]
        """)
        let parsed = try JSONSerialization.jsonObject(with: Data(try stats(harness).utf8)) as? [[String: Any]]
        #expect(parsed?.count == 3)
    }

    @Test func resumeAppendsWhenTheEpochsFollow() throws {
        let harness = try Harness()
        let dir = harness.root.appendingPathComponent("train_log/test")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try AtomicFile.write("[{\"b\": 0.125, \"epoch_num\": 1, \"global_step\": 3}]\n", to: dir.appendingPathComponent("stats.json"))
        let backend = FakeBackend()
        let trainer = Trainer(harness.config(backend, callbacks: [putter()], monitors: [JSONWriter()], logLocation: .automatic))
        trainer.restore(TrainingState(epochNumber: 1, globalStep: 3))
        _ = try trainer.train()
        #expect(try stats(harness) == """
        [{"b": 0.125, "epoch_num": 1, "global_step": 3}, {"b": 0.25, "epoch_num": 2, "global_step": 6}]
        """)
        #expect(harness.messages.contains("Found existing stats.json in \(dir.path); appending to it."))
    }

    /// A diverged run's history (Loom writes `NaN`, `Infinity`) is kept on resume, byte for byte.
    @Test func resumeKeepsAHistoryWithNonFiniteValues() throws {
        let harness = try Harness()
        let dir = harness.root.appendingPathComponent("train_log/test")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let old = "[{\"loss\": NaN, \"grad\": -Infinity, \"epoch_num\": 1, \"global_step\": 3}]"
        try AtomicFile.write(old, to: dir.appendingPathComponent("stats.json"))
        let trainer = Trainer(harness.config(FakeBackend(), callbacks: [putter()], monitors: [JSONWriter()], logLocation: .automatic))
        trainer.restore(TrainingState(epochNumber: 1, globalStep: 3))
        _ = try trainer.train()
        #expect(try stats(harness) == """
        [{"loss": NaN, "grad": -Infinity, "epoch_num": 1, "global_step": 3}, {"b": 0.25, "epoch_num": 2, "global_step": 6}]
        """)
        #expect(!harness.messages.contains { $0.contains("is not a JSON array") })
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasPrefix("stats.json.") }.isEmpty)
    }

    @Test func otherExistingFileIsBackedUp() throws {
        let harness = try Harness()
        let dir = harness.root.appendingPathComponent("train_log/test")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let old = "[{\"b\": 1.0, \"epoch_num\": 5, \"global_step\": 15}]"
        try AtomicFile.write(old, to: dir.appendingPathComponent("stats.json"))
        _ = try Trainer(harness.config(FakeBackend(), callbacks: [putter()], monitors: [JSONWriter()], maxEpoch: 1,
                                       logLocation: .automatic, action: .keep)).train()
        let backup = dir.appendingPathComponent("stats.json.1114-221320")
        #expect(try String(contentsOf: backup, encoding: .utf8) == old)
        #expect(try stats(harness) == """
        [{"a": 0.5, "epoch_num": 1, "global_step": 1}, {"c": 1e-05, "b": 0.25, "epoch_num": 1, "global_step": 3}]
        """)
        #expect(harness.messages.contains("WRN History epoch=5 in stats.json is not the predecessor of the current startEpoch=1."))
        #expect(harness.messages.contains("WRN Training starts at epoch 1; the old stats.json was moved to \(backup.path)."))
    }

    @Test func pythonNumberAndStringSpelling() {
        #expect(JSONText.number(1.0) == "1.0")
        #expect(JSONText.number(1e16) == "1e+16")
        #expect(JSONText.number(0.0001) == "0.0001")
        #expect(JSONText.number(.nan) == "NaN")
        #expect(JSONText.number(-.infinity) == "-Infinity")
        #expect(JSONText.string("a\"b\\c\né") == "\"a\\\"b\\\\c\\n\\u00e9\"")
    }
}
