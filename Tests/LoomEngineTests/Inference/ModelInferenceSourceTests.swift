import Foundation
import LoomData
import LoomEngine
import LoomNN
import LoomTensor
import LoomTraining
import Testing

@Suite struct ModelInferenceSourceTests {
    private func source(_ backend: ModelBackend<TinyRegression.Flow, TensorBatch>, count: Int = 20,
                        batchSize: Int = 8) throws -> ModelInferenceSource<ArrayDataFlow, TensorBatch> {
        try ModelInferenceSource(samples: TinyRegression.samples(count: count, seed: 12), batchSize: batchSize, backend: backend) {
            Model(TinyRegression.network(seed: 99))
        }
    }

    @Test func evaluatesTheCostInEvalModeWithoutTouchingTraining() throws {
        let backend = try TinyRegression.backend()
        for _ in 0..<3 { _ = try backend.runStep(StepRequest()) }
        let source = try source(backend)
        #expect(source.sampleCount == 20)
        #expect(source.outputNames == ["cost", "mae", "predictions", "wrong"])
        let model = backend.model
        let stateBefore = try backend.exportState(), resumeBefore = try backend.exportResumeState()
        func pass() throws -> [(StepOutputs, Int)] {
            var results: [(StepOutputs, Int)] = []
            try source.forEachBatch(fetches: ["cost", "wrong"]) { results.append(($0, $1)) }
            return results
        }
        let first = try pass(), second = try pass()
        #expect(first.map(\.1) == [8, 8, 4])
        #expect(first.map(\.0.values) == second.map(\.0.values))
        #expect(Set(first[0].0.values.keys) == ["cost", "wrong"])
        #expect(try backend.exportState() == stateBefore)
        #expect(try backend.exportResumeState() == resumeBefore)
        #expect(model.isTraining)
        // The replica computes what the training model computes in evaluation mode.
        let datapoint = try BatchData<ArrayDataFlow>.stack((0..<8).map { try TinyRegression.samples(count: 20, seed: 12).datapoint(at: $0) })
        model.isTraining = false
        let batch = try TinyRegression.batch(datapoint)
        let reference = Tensor.withoutGradients { TinyRegression.cost(model, batch, CostContext(isTraining: false, requested: [])) }
        model.isTraining = true
        #expect(first[0].0.scalar("cost") == Double(reference.cost.scalar))
        #expect(first[0].0["wrong"] == reference.value("wrong"))
    }

    @Test func parallelRunnerEqualsSingleRunner() throws {
        let backend = try TinyRegression.backend()
        let source = try source(backend, count: 45, batchSize: 4)
        func inferencers() -> [any Inferencer] {
            [ScalarStats(["cost", "mae"], prefix: "val"), ClassificationError(wrongName: "wrong", summaryName: "val-wrong")]
        }
        let config = TrainConfig(
            backend: backend,
            callbacks: [InferenceRunner(source, inferencers(), prefix: "single"),
                        DataParallelInferenceRunner(source, inferencers(), workers: 2, prefix: "parallel")],
            extraCallbacks: [], monitors: [], stepsPerEpoch: 2, maxEpoch: 2, logLocation: .none,
            environment: TrainingEnvironment(clock: SystemClock(), output: MemoryOutputSink(), root: FileManager.default.temporaryDirectory))
        let trainer = Trainer(config)
        _ = try trainer.train()
        for stat in ["val_cost", "val_mae", "val-wrong"] {
            let single = trainer.monitors.history("single/\(stat)").map(\.value)
            #expect(single.count == 2)
            #expect(single == trainer.monitors.history("parallel/\(stat)").map(\.value))
        }
    }

    /// Checked when the source is made, before any training: not after the first epoch.
    @Test func aReplicaOfAnotherArchitectureIsAnErrorAtOnce() throws {
        let backend = try TinyRegression.backend()
        #expect {
            _ = try ModelInferenceSource(samples: TinyRegression.samples(count: 8), batchSize: 8, backend: backend) {
                Model(TinyRegression.network(features: 4))
            }
        } throws: { error in
            guard case let .state(message) = error as? EngineError else { return false }
            return message.hasPrefix("the replica model does not match the training model: ")
        }
    }

    /// A later pass reuses the replica's model and sees the weights trained since.
    @Test func eachPassTakesTheCurrentWeights() throws {
        let backend = try TinyRegression.backend()
        var builds = 0
        let source = try ModelInferenceSource(samples: TinyRegression.samples(count: 8, seed: 12), batchSize: 8, backend: backend) {
            builds += 1
            return Model(TinyRegression.network(seed: 99))
        }
        func cost() throws -> Double? {
            var value: Double?
            try source.forEachBatch(fetches: ["cost"]) { outputs, _ in value = outputs.scalar("cost") }
            return value
        }
        func reference() throws -> Double {
            let batch = try TinyRegression.batch(try BatchData<ArrayDataFlow>.stack((0..<8).map { try TinyRegression.samples(count: 8, seed: 12).datapoint(at: $0) }))
            backend.model.isTraining = false
            defer { backend.model.isTraining = true }
            return Double(Tensor.withoutGradients { TinyRegression.cost(backend.model, batch, CostContext(isTraining: false, requested: [])) }.cost.scalar)
        }
        #expect(try cost() == reference())
        for _ in 0..<3 { _ = try backend.runStep(StepRequest()) }
        #expect(try cost() == reference())
        #expect(builds == 1)
    }
}
