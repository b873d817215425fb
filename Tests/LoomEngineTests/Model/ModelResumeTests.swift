import Foundation
import LoomData
import LoomEngine
import LoomNN
import LoomTestSupport
import LoomTraining
import Testing

/// 4 epochs straight and 2 epochs + resume give the same `stats.json` and final state,
/// for the default step and for a custom two-optimizer (GAN) step.
@Suite struct ModelResumeTests {
    private func config(_ backend: any TrainingBackend, _ directory: TemporaryDirectory, maxEpoch: Int,
                        hyperparameter: String) -> TrainConfig {
        let callbacks: [any Callback] = [ModelSaver(), ScheduledHyperParamSetter(.backend(hyperparameter), schedule: [(1, 0.05), (3, 0.02)])]
        return TrainConfig(backend: backend, callbacks: callbacks, stepsPerEpoch: 4, maxEpoch: maxEpoch, name: "test",
                           logLocation: .at("run"), logDirectoryAction: .keep, environment: TinyRegression.environment(directory))
    }

    private func checkExactResume(hyperparameter: String, make: (UInt64) throws -> any TrainingBackend) throws {
        let full = try TemporaryDirectory()
        let straight = try make(1)
        #expect(try Trainer(config(straight, full, maxEpoch: 4, hyperparameter: hyperparameter)).train().outcome == .completed)

        let split = try TemporaryDirectory()
        _ = try Trainer(config(try make(1), split, maxEpoch: 2, hyperparameter: hyperparameter)).train()
        let resumed = try make(77)  // other initial weights and generator: only the checkpoint can fix them
        let run = try AutoResume(config(resumed, split, maxEpoch: 4, hyperparameter: hyperparameter), policy: .required)
        guard case let .trained(result, resumedFrom) = try run.train() else { Issue.record("did not train"); return }
        #expect(resumedFrom?.lastPathComponent == "model-8.safetensors")
        #expect(result.globalStep == 16)
        let stats = try TinyRegression.stats(full)
        #expect(stats.contains("\"global_step\": 16"))
        #expect(try TinyRegression.stats(split) == stats)
        #expect(try resumed.exportState() == (try straight.exportState()))
        #expect(try resumed.exportResumeState() == (try straight.exportResumeState()))
    }

    @Test func defaultStepResumesExactly() throws {
        try checkExactResume(hyperparameter: "learning_rate") { seed in try TinyRegression.backend(seed: seed) }
    }

    @Test func customTwoOptimizerStepResumesExactly() throws {
        try checkExactResume(hyperparameter: "generator/learning_rate") { seed in try TinyGAN.backend(seed: seed) }
    }
}
