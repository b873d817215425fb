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

    /// The resume, the saver's set-up and its first save each read the index: a missing
    /// one is reported once, and the first save writes a new one.
    @Test func aMissingIndexIsReportedOnceAndWrittenAgain() throws {
        let harness = try Harness()
        _ = try Trainer(config(harness, maxEpoch: 2)).train()
        let index = harness.root.appendingPathComponent("run/checkpoint.json")
        try FileManager.default.removeItem(at: index)
        let run = try AutoResume(config(harness, maxEpoch: 3))
        guard case .trained = try run.train() else { Issue.record("did not train"); return }
        let warnings = harness.messages.filter { $0.contains("checkpoint index 'checkpoint.json'") }
        #expect(warnings.count == 1)
        #expect(warnings.first?.hasPrefix("WRN checkpoint index 'checkpoint.json' in ") == true)
        #expect(warnings.first?.hasSuffix("is missing; rebuilt it from the 2 readable checkpoint file(s) on disk") == true)
        #expect(FileManager.default.fileExists(atPath: index.path))
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

    /// A run stopped at any step (a callback's stop, Ctrl-C, SIGTERM: the final save is a
    /// mid-epoch checkpoint) and resumed writes the same stats.json as a run never stopped.
    @Test(arguments: Array(1...8))
    func aRunStoppedAtAnyStepResumesExactly(stopStep: Int) throws {
        func config(_ harness: Harness, _ callbacks: [any Callback]) -> TrainConfig {
            harness.config(CountingBackend(), callbacks: [ModelSaver()] + callbacks, extra: [MovingAverageSummary(period: 1)],
                           monitors: [JSONWriter()], stepsPerEpoch: 3, maxEpoch: 3, logLocation: .at("run"), action: .keep)
        }
        let straight = try Harness()
        _ = try Trainer(config(straight, [])).train()
        let expected = try String(contentsOf: straight.root.appendingPathComponent("run/stats.json"), encoding: .utf8)

        let harness = try Harness()
        _ = try Trainer(config(harness, [StopAt(step: stopStep)])).train()
        let run = try AutoResume(config(harness, []))
        guard case let .trained(result, from) = try run.train() else { Issue.record("did not train"); return }
        #expect(from?.lastPathComponent == "model-\(stopStep).safetensors")
        #expect(result.globalStep == 9 && result.epochNumber == 3)
        #expect(try String(contentsOf: harness.root.appendingPathComponent("run/stats.json"), encoding: .utf8) == expected)
        if stopStep % 3 != 0 {
            #expect(harness.messages.contains("model-\(stopStep).safetensors was saved after step \(stopStep % 3) of epoch \(stopStep / 3 + 1); that epoch continues from its next step"))
        }
    }

    /// A crash after step-based checkpoints: the run resumes from the last one and its
    /// stats.json equals the uninterrupted run's.
    @Test(arguments: [2, 3, 5, 7])
    func aCrashAfterStepCheckpointsResumesExactly(crashStep: Int) throws {
        func config(_ harness: Harness, _ callbacks: [any Callback]) -> TrainConfig {
            harness.config(CountingBackend(), callbacks: [PeriodicTrigger(ModelSaver(), everySteps: 1)] + callbacks,
                           extra: [MovingAverageSummary(period: 1)], monitors: [JSONWriter()], stepsPerEpoch: 3, maxEpoch: 3,
                           logLocation: .at("run"), action: .keep)
        }
        let straight = try Harness()
        _ = try Trainer(config(straight, [])).train()
        let expected = try String(contentsOf: straight.root.appendingPathComponent("run/stats.json"), encoding: .utf8)

        let harness = try Harness()
        let crash = LambdaCallback(triggerStep: { context in
            if context.loop.globalStep == crashStep { throw CrashForTest() }
        })
        #expect(throws: CrashForTest.self) { _ = try Trainer(config(harness, [crash])).train() }
        _ = try AutoResume(config(harness, [])).train()
        #expect(try String(contentsOf: harness.root.appendingPathComponent("run/stats.json"), encoding: .utf8) == expected)
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

/// A crash in the middle of training, for resume tests.
private struct CrashForTest: Error {}

/// A backend whose loss follows its own step count, which it keeps in its exported state,
/// so a resumed run continues the same sequence.
private final class CountingBackend: TrainingBackend {
    private var steps = 0
    var movingAverageNames: [String] { ["loss"] }
    var outputNames: Set<String> { ["loss"] }
    var hyperparameterNames: [String] { [] }
    func runStep(_ request: StepRequest) throws -> StepOutputs {
        steps += 1
        var outputs = StepOutputs()
        if request.fetches.contains("loss") { outputs.values["loss"] = .scalar(1 / Double(steps) + Double(steps % 4) / 7) }
        return outputs
    }
    func hyperparameter(_ name: String) throws -> Double { .nan }
    func setHyperparameter(_ name: String, to value: Double) throws {}
    func exportState() throws -> [NamedArray] { [NamedArray(name: "steps", shape: [1], values: [Float(steps)])] }
    func importState(_ arrays: [NamedArray]) throws { steps = Int(arrays.first?.values.first ?? 0) }
}
