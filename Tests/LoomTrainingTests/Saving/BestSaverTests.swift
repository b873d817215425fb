import Foundation
import Testing
@testable import LoomTraining

@Suite struct BestSaverTests {
    private func config(_ harness: Harness, _ callbacks: [any Callback], maxEpoch: Int) -> TrainConfig {
        harness.config(FakeBackend(), callbacks: callbacks, stepsPerEpoch: 3, maxEpoch: maxEpoch, logLocation: .at("run"))
    }

    private func copyStep(_ harness: Harness, _ name: String = "min-val-error") throws -> Int {
        try Checkpoint.load(contentsOf: harness.root.appendingPathComponent("run/\(name).safetensors")).globalStep
    }

    @Test func keepsTheBestWhenTheStatGoesDownUpDown() throws {
        let harness = try Harness()
        let saver = MinSaver("val-error")
        _ = try Trainer(config(harness, [StatProducer("val-error", [0.5, 0.3, 0.4]), ModelSaver(), saver], maxEpoch: 3)).train()
        #expect(try copyStep(harness) == 6)
        #expect(saver.best == 0.3)

        let resumed = MinSaver("val-error")
        let run = try AutoResume(config(harness, [StatProducer("val-error", [0.5, 0.3, 0.4, 0.2]), ModelSaver(), resumed], maxEpoch: 4))
        _ = try run.train()
        #expect(try copyStep(harness) == 12)
        #expect(resumed.keptCheckpoints.map(\.step) == [12])
        #expect(resumed.best == 0.2)
        let index = CheckpointStore(directory: harness.root.appendingPathComponent("run"), warn: { _ in }).currentIndex()
        #expect(index.copies["min-val-error"] == CheckpointIndex.Copy(file: "min-val-error.safetensors", step: 12, value: 0.2))
    }

    @Test func theRestoredBestSurvivesARestart() throws {
        let harness = try Harness()
        _ = try Trainer(config(harness, [StatProducer("val-error", [0.5, 0.3, 0.4]), ModelSaver(), MinSaver("val-error")], maxEpoch: 3)).train()
        // 0.35 is worse than the best before the restart (0.3): a saver that forgot it would copy step 12.
        let resumed = MinSaver("val-error")
        _ = try AutoResume(config(harness, [StatProducer("val-error", [0.5, 0.3, 0.4, 0.35]), ModelSaver(), resumed], maxEpoch: 4)).train()
        #expect(try copyStep(harness) == 6)
        #expect(resumed.best == 0.3)
    }

    @Test func recoversTheBestFromTheIndexWhenTheCheckpointLacksItsState() throws {
        let harness = try Harness()
        _ = try Trainer(config(harness, [StatProducer("val-error", [0.5, 0.3, 0.4]), ModelSaver(), MinSaver("val-error")], maxEpoch: 3)).train()
        let store = CheckpointStore(directory: harness.root.appendingPathComponent("run"), warn: { _ in })
        var latest = try store.load(step: 9)
        latest.callbackStates["MinSaver[val-error]"] = nil
        try store.save(latest)

        let resumed = MinSaver("val-error")
        _ = try AutoResume(config(harness, [StatProducer("val-error", [0.5, 0.3, 0.4, 0.35]), ModelSaver(), resumed], maxEpoch: 4)).train()
        #expect(try copyStep(harness) == 6)
        #expect(resumed.best == 0.3)
        #expect(harness.messages.contains(
            "MinSaver(val-error): no saved state; recovered the kept checkpoints from checkpoint.json: 0.3 (step 6)"))
    }

    @Test(arguments: [false, true])
    func asksTheModelSaverForTheCheckpointOfTheStep(minSaverFirst: Bool) throws {
        let harness = try Harness()
        let saver = PeriodicTrigger(ModelSaver(), everyEpochs: 2)
        let best = MinSaver("val-error")
        let core: [any Callback] = minSaverFirst ? [best, saver] : [saver, best]
        _ = try Trainer(config(harness, [StatProducer("val-error", [0.5, 0.6, 0.4])] + core, maxEpoch: 3)).train()
        #expect(checkpointFiles(in: harness.root.appendingPathComponent("run"))
                == ["min-val-error.safetensors", "model-3.safetensors", "model-6.safetensors", "model-9.safetensors"])
        #expect(try copyStep(harness) == 9)
        let copy = try Checkpoint.load(contentsOf: harness.root.appendingPathComponent("run/min-val-error.safetensors"))
        // The copy holds the saver's own state after the update it earned.
        #expect(copy.callbackStates["MinSaver[val-error]"] == #"{"kept":[[9,0.4]],"last_evaluated_step":9}"#)
        #expect(harness.messages.filter { $0.hasPrefix("Model saved to") }.count == 3)
    }

    @Test func topKKeepsExactlyK() throws {
        let harness = try Harness()
        let saver = MinSaver("val-error", topK: 2)
        _ = try Trainer(config(harness, [StatProducer("val-error", [0.5, 0.3, 0.4, 0.2, 0.6]), ModelSaver(), saver], maxEpoch: 5)).train()
        let files = checkpointFiles(in: harness.root.appendingPathComponent("run")).filter { $0.hasPrefix("min-") }
        #expect(files == ["min-val-error-step12.safetensors", "min-val-error-step6.safetensors"])
        #expect(saver.keptCheckpoints.map(\.step) == [12, 6])
        let index = CheckpointStore(directory: harness.root.appendingPathComponent("run"), warn: { _ in }).currentIndex()
        #expect(index.topK["min-val-error"]?.copies.map(\.step) == [12, 6])
    }

    @Test func maxSaverKeepsTheHighest() throws {
        let harness = try Harness()
        _ = try Trainer(config(harness, [StatProducer("accuracy", [0.5, 0.7, 0.6]), ModelSaver(), MaxSaver("accuracy")], maxEpoch: 3)).train()
        #expect(try copyStep(harness, "max-accuracy") == 6)
    }

    @Test func withoutAModelSaverSetupFails() throws {
        let harness = try Harness()
        let trainer = Trainer(config(harness, [StatProducer("val-error", [0.5]), MinSaver("val-error")], maxEpoch: 1))
        #expect(throws: SavingError.needsModelSaver(saver: "MinSaver(val-error)")) { try trainer.train() }
    }
}
