import Foundation
import Testing
@testable import LoomTraining

/// One run's callbacks, built fresh for every trainer.
private struct ResumeSetup {
    let saver = ModelSaver()
    let minSaver = MinSaver("val-loss")
    let averages = MovingAverageSummary(period: 2)
    let schedule = ScheduledHyperParamSetter("learning_rate", schedule: [(1, 0.1), (3, 0.05)])

    func config(_ harness: Harness, backend: DriftBackend, maxEpoch: Int, extra: [any Callback] = [],
                minSaverFirst: Bool = false) -> TrainConfig {
        let core: [any Callback] = minSaverFirst ? [minSaver, saver] : [saver, minSaver]
        return harness.config(backend, callbacks: [WeightStat()] + core + [schedule] + extra, extra: [averages],
                              monitors: [JSONWriter()], stepsPerEpoch: 3, maxEpoch: maxEpoch, logLocation: .at("run"))
    }
}

@Suite struct ExactResumeTests {
    private func stats(_ harness: Harness) throws -> String {
        try String(contentsOf: harness.root.appendingPathComponent("run/stats.json"), encoding: .utf8)
    }

    /// An uninterrupted 4-epoch run: its harness, backend, setup and trainer state.
    private func uninterrupted() throws -> (Harness, DriftBackend, ResumeSetup, TrainingState) {
        let harness = try Harness()
        let backend = DriftBackend()
        let setup = ResumeSetup()
        let trainer = Trainer(setup.config(harness, backend: backend, maxEpoch: 4))
        #expect(try trainer.train().outcome == .completed)
        return (harness, backend, setup, try trainer.exportState())
    }

    @Test func twoEpochsThenResumeEqualsFourEpochs() throws {
        let (fullHarness, fullBackend, fullSetup, fullState) = try uninterrupted()

        let harness = try Harness()
        let first = Trainer(ResumeSetup().config(harness, backend: DriftBackend(), maxEpoch: 2))
        _ = try first.train()
        let backend = DriftBackend(seed: 7)  // a wrong seed: only the restored RNG state can fix it
        let setup = ResumeSetup()
        let run = try AutoResume(setup.config(harness, backend: backend, maxEpoch: 4), policy: .required)
        #expect(run.checkpoint?.url.lastPathComponent == "model-6.safetensors")
        guard case let .trained(result, resumedFrom) = try run.train() else { Issue.record("did not train"); return }
        #expect(resumedFrom?.lastPathComponent == "model-6.safetensors")
        #expect(result == TrainingResult(outcome: .completed, epochNumber: 4, globalStep: 12))
        #expect(backend.steps == 6)

        #expect(try stats(harness) == stats(fullHarness))
        #expect(try backend.exportState() == fullBackend.exportState())
        #expect(try backend.exportResumeState() == fullBackend.exportResumeState())
        #expect(backend.learningRate == fullBackend.learningRate)
        #expect(try run.trainer.exportState() == fullState)
        #expect(try setup.minSaver.exportState() == fullSetup.minSaver.exportState())
        #expect(try setup.averages.exportState() == fullSetup.averages.exportState())
        #expect(checkpointFiles(in: harness.root.appendingPathComponent("run"))
                == checkpointFiles(in: fullHarness.root.appendingPathComponent("run")))
        let best = try Checkpoint.load(contentsOf: harness.root.appendingPathComponent("run/min-val-loss.safetensors"))
        let fullBest = try Checkpoint.load(contentsOf: fullHarness.root.appendingPathComponent("run/min-val-loss.safetensors"))
        #expect(best == fullBest)
        #expect(harness.messages.contains(
            "Resuming from model-6.safetensors (epoch 2 finished, global_step 6): restored 2 arrays, the data position, the RNG state, the states of JSONWriter, MinSaver[val-loss], MovingAverageSummary, the stat history, the hyperparameters"))
    }

    @Test func crashInEpochThreeReplaysFromTheLastCheckpoint() throws {
        let (fullHarness, fullBackend, fullSetup, fullState) = try uninterrupted()

        let harness = try Harness()
        let crashed = Trainer(ResumeSetup().config(harness, backend: DriftBackend(), maxEpoch: 4, extra: [CrashAt(step: 8)]))
        #expect(throws: CrashAt.Crash.self) { try crashed.train() }
        let crashedStats = try stats(harness)
        #expect(crashedStats.contains("\"global_step\": 8"))  // the crashed epoch left entries behind

        let backend = DriftBackend()
        let setup = ResumeSetup()
        let run = try AutoResume(setup.config(harness, backend: backend, maxEpoch: 4))
        guard case let .trained(result, _) = try run.train() else { Issue.record("did not train"); return }
        #expect(result.globalStep == 12)
        #expect(try stats(harness) == stats(fullHarness))
        #expect(try backend.exportState() == fullBackend.exportState())
        #expect(try run.trainer.exportState() == fullState)
        #expect(try setup.minSaver.exportState() == fullSetup.minSaver.exportState())
        // The crashed run's stats.json is kept as a backup, unchanged.
        let backups = try FileManager.default.contentsOfDirectory(atPath: harness.root.appendingPathComponent("run").path)
            .filter { $0.hasPrefix("stats.json.") }
        #expect(backups.count == 1)
        let backup = try String(contentsOf: harness.root.appendingPathComponent("run/\(backups[0])"), encoding: .utf8)
        #expect(backup == crashedStats)
        #expect(harness.messages.contains { $0.hasPrefix("WRN stats.json had 1 entries after the checkpoint (global_step 6, epoch 2)") })
    }

    @Test func minSaverOrderDoesNotChangeTheFiles() throws {
        let (fullHarness, _, fullSetup, fullState) = try uninterrupted()
        let harness = try Harness()
        let setup = ResumeSetup()
        let trainer = Trainer(setup.config(harness, backend: DriftBackend(), maxEpoch: 4, minSaverFirst: true))
        _ = try trainer.train()
        let directory = harness.root.appendingPathComponent("run")
        let fullDirectory = fullHarness.root.appendingPathComponent("run")
        #expect(checkpointFiles(in: directory) == checkpointFiles(in: fullDirectory))
        for file in checkpointFiles(in: directory) {
            #expect(try Data(contentsOf: directory.appendingPathComponent(file))
                    == Data(contentsOf: fullDirectory.appendingPathComponent(file)), "\(file)")
        }
        #expect(try setup.minSaver.exportState() == fullSetup.minSaver.exportState())
        #expect(try trainer.exportState() == fullState)
    }
}
