import Foundation
import Testing
@testable import LoomTraining

@Suite struct AutoResumeTests {
    private func config(_ harness: Harness, _ backend: FakeBackend = FakeBackend(), maxEpoch: Int,
                        location: LogLocation = .at("run")) -> TrainConfig {
        harness.config(backend, callbacks: [ModelSaver()], monitors: [JSONWriter()], stepsPerEpoch: 3,
                       maxEpoch: maxEpoch, logLocation: location)
    }

    @Test func aCorruptLatestFallsBackWithAWarningNamingIt() throws {
        let harness = try Harness()
        _ = try Trainer(config(harness, maxEpoch: 2)).train()
        let latest = harness.root.appendingPathComponent("run/model-6.safetensors")
        try Data("not a checkpoint".utf8).write(to: latest)

        let backend = FakeBackend()
        let run = try AutoResume(config(harness, backend, maxEpoch: 3))
        #expect(run.checkpoint?.url.lastPathComponent == "model-3.safetensors")
        guard case let .trained(result, from) = try run.train() else { Issue.record("did not train"); return }
        #expect(from?.lastPathComponent == "model-3.safetensors")
        #expect(result == TrainingResult(outcome: .completed, epochNumber: 3, globalStep: 9))
        #expect(backend.steps == 6)  // epochs 2 and 3 again
        #expect(harness.messages.contains { $0.hasPrefix("WRN skipping unreadable checkpoint:") && $0.contains("model-6.safetensors") })
        #expect(harness.messages.contains { $0.hasPrefix("Resuming from model-3.safetensors (epoch 1 finished, global_step 3)") })
    }

    @Test func aFinishedRunSaysSoAndRunsNoStep() throws {
        let harness = try Harness()
        _ = try Trainer(config(harness, maxEpoch: 2)).train()
        let directory = harness.root.appendingPathComponent("run").path
        let before = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        let log = try Data(contentsOf: harness.root.appendingPathComponent("run/log.log"))
        let backend = FakeBackend()
        let run = try AutoResume(config(harness, backend, maxEpoch: 2), policy: .required)
        #expect(run.isFinished)
        let result = try run.train()
        #expect(result == .alreadyFinished(checkpoint: harness.root.appendingPathComponent("run/model-6.safetensors"), epoch: 2, globalStep: 6))
        #expect(backend.steps == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).sorted() == before)
        #expect(try Data(contentsOf: harness.root.appendingPathComponent("run/log.log")) == log)
        #expect(harness.messages.last == "The run already finished: model-6.safetensors is at epoch 2, global_step 6, and maxEpoch is 2; nothing to train (raise maxEpoch to train more)")
    }

    @Test func aMidEpochCheckpointRestartsItsEpoch() throws {
        let harness = try Harness()
        _ = try Trainer(harness.config(FakeBackend(), callbacks: [ModelSaver(), StopAt(step: 5)], extra: [MovingAverageSummary(period: 1)],
                                       monitors: [JSONWriter()], stepsPerEpoch: 3, maxEpoch: 2, logLocation: .at("run"))).train()
        let backend = FakeBackend()
        let run = try AutoResume(harness.config(backend, callbacks: [ModelSaver()], extra: [MovingAverageSummary(period: 1)],
                                                monitors: [JSONWriter()], stepsPerEpoch: 3, maxEpoch: 2, logLocation: .at("run")))
        #expect(try run.train() == .trained(TrainingResult(outcome: .completed, epochNumber: 2, globalStep: 8),
                                            resumedFrom: harness.root.appendingPathComponent("run/model-5.safetensors")))
        #expect(backend.steps == 3)
        #expect(harness.messages.contains(
            "WRN model-5.safetensors was saved in the middle of epoch 2; that epoch restarts from its first step at global_step 5"))
        #expect(harness.messages.contains { $0.hasPrefix("WRN stats.json had 2 entries after the checkpoint (global_step 5, epoch 1); kept 3,") })
        #expect(harness.messages.contains("Found existing stats.json in \(harness.root.appendingPathComponent("run").path); appending to it."))
    }

    @Test func requiredWithoutACheckpointIsAnError() throws {
        let harness = try Harness()
        let path = harness.root.appendingPathComponent("run").path
        #expect(throws: SavingError.noCheckpointToResume(directory: path)) {
            try AutoResume(config(harness, maxEpoch: 2), policy: .required)
        }
        #expect(throws: SavingError.resumeNeedsLogDirectory) {
            try AutoResume(config(harness, maxEpoch: 2, location: .none), policy: .required)
        }
    }

    @Test func ifAvailableWithoutACheckpointStartsAfresh() throws {
        let harness = try Harness()
        let run = try AutoResume(config(harness, maxEpoch: 1))
        #expect(run.checkpoint == nil && !run.isFinished)
        #expect(try run.train() == .trained(TrainingResult(outcome: .completed, epochNumber: 1, globalStep: 3), resumedFrom: nil))
    }

    @Test func neverLeavesTheLogDirectoryRuleInForce() throws {
        let harness = try Harness()
        _ = try Trainer(config(harness, maxEpoch: 1)).train()
        let run = try AutoResume(config(harness, maxEpoch: 2), policy: .never)
        #expect(run.checkpoint == nil)
        #expect(throws: TrainerError.logDirectoryNotEmpty(path: harness.root.appendingPathComponent("run").path)) { try run.train() }
    }

    @Test func aCheckpointThatDoesNotFitTheBackendIsAClearError() throws {
        let harness = try Harness()
        _ = try Trainer(config(harness, maxEpoch: 1)).train()
        let backend = FakeBackend()
        backend.state = [NamedArray(name: "w", shape: [3], values: [0, 0, 0])]
        let run = try AutoResume(config(harness, backend, maxEpoch: 2))
        let path = harness.root.appendingPathComponent("run/model-3.safetensors").path
        #expect(throws: SavingError.cannotResume(file: path, reason: """
            checkpoint 'model-3.safetensors' does not match the model (1 problem(s)):
              shape mismatch: 'w' is [2] in the checkpoint, [3] in the model
            """)) { try run.train() }
    }
}
