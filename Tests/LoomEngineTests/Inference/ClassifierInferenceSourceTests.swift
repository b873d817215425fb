import Foundation
import LoomData
import LoomEngine
import LoomNN
import LoomTensor
import LoomTraining
import Testing

@Suite struct ClassifierInferenceSourceTests {
    /// An MLP with dropout, so evaluation mode is visible.
    private static func dropoutModel(seed: UInt64) -> ClassifierModel {
        var generator = LoomTensor.SeededGenerator(seed: seed)
        let network = Sequential([
            ("flatten", Flatten()),
            ("fc1", Dense(inputSize: 64, outputSize: 32, generator: &generator)),
            ("drop", Dropout(rate: 0.5)),
            ("fc", Dense(inputSize: 32, outputSize: 10, generator: &generator)),
        ])
        return ClassifierModel(network: network, inputShape: [64], classes: 10, seed: seed)
    }

    private func passResults(_ source: ClassifierInferenceSource<SyntheticDigits>) throws -> [(StepOutputs, Int)] {
        var results: [(StepOutputs, Int)] = []
        try source.forEachBatch(fetches: ["wrong-top1", "cost"]) { results.append(($0, $1)) }
        return results
    }

    @Test func evaluatesInEvalModeWithoutTouchingTraining() throws {
        let training = Self.dropoutModel(seed: 5)
        let source = try ClassifierInferenceSource(samples: SyntheticDigits.tiny(count: 50), batchSize: 16, classifier: training) {
            Self.dropoutModel(seed: 77)
        }
        #expect(source.sampleCount == 50)
        let stateBefore = training.model.stateArrays(), randomBefore = training.model.randomState
        let first = try passResults(source), second = try passResults(source)
        #expect(first.map(\.1) == [16, 16, 16, 2])
        #expect(first.map(\.0.values) == second.map(\.0.values))
        #expect(Set(first[0].0.values.keys) == ["wrong-top1", "cost"])
        #expect(training.model.stateArrays() == stateBefore)
        #expect(training.model.randomState == randomBefore)
        #expect(training.model.isTraining)
        // The replica computes what the training model computes in evaluation mode.
        let batch = try ClassifierBatch(BatchData<SyntheticDigits>.stack((0..<16).map { try SyntheticDigits.tiny(count: 50).datapoint(at: $0) }),
                                        inputShape: [64], classes: 10)
        let reference = training.step(images: batch.images, labels: batch.labels, training: false)
        #expect(first[0].0["wrong-top1"] == .array(shape: [16], values: reference.wrongTop1))
        #expect(first[0].0.scalar("cost") == Double(reference.cost))
    }

    /// A replica built with other layer sizes is refused when the source is made, before
    /// any training, with the name of the first mismatch.
    @Test func aReplicaOfAnotherArchitectureIsAnErrorAtOnce() throws {
        let training = Self.dropoutModel(seed: 5)
        #expect {
            _ = try ClassifierInferenceSource(samples: SyntheticDigits.tiny(count: 50), batchSize: 16, classifier: training) {
                var generator = LoomTensor.SeededGenerator(seed: 1)
                let network = Sequential([
                    ("flatten", Flatten()),
                    ("fc1", Dense(inputSize: 64, outputSize: 16, generator: &generator)),
                    ("fc", Dense(inputSize: 16, outputSize: 10, generator: &generator)),
                ])
                return ClassifierModel(network: network, inputShape: [64], classes: 10, seed: 1)
            }
        } throws: { error in
            guard case let .state(message) = error as? EngineError else { return false }
            return message.hasPrefix("the replica model does not match the training model: ") && message.contains("fc1/W")
        }
    }

    @Test func batchNormUsesRunningStatisticsAndKeepsThem() throws {
        let backend = try ClassifierBackend(classifier: TinyDigits.resnet(), optimizer: .sgd(learningRate: 0.05), data: TinyDigits.batches())
        for _ in 0..<3 { _ = try backend.runStep(StepRequest(runUpdateOps: true)) }
        var recipe = ClassifierRecipe(.resnet20)
        recipe.channels = [4, 4, 4]
        recipe.blocks = 1
        let source = try ClassifierInferenceSource(samples: SyntheticDigits.tiny(count: 40), batchSize: 40,
                                                   classifier: backend.classifier, recipe: recipe, sampleShape: [8, 8])
        let before = try backend.exportState()
        let outputs = try passResults(source)
        #expect(try backend.exportState() == before)
        let batch = try ClassifierBatch(BatchData<SyntheticDigits>.stack((0..<40).map { try SyntheticDigits.tiny(count: 40).datapoint(at: $0) }),
                                        inputShape: [1, 8, 8], classes: 10)
        let reference = backend.classifier.step(images: batch.images, labels: batch.labels, training: false)
        backend.classifier.model.discardUpdateOps()
        #expect(outputs[0].0.scalar("cost") == Double(reference.cost))
    }

    @Test func parallelRunnerEqualsSingleRunner() throws {
        let backend = try ClassifierBackend(classifier: TinyDigits.mlp(), optimizer: .sgd(learningRate: 0.1, momentum: 0.9),
                                            data: TinyDigits.batches())
        var recipe = ClassifierRecipe(.mlp)
        recipe.hidden = [32]
        let source = try ClassifierInferenceSource(samples: SyntheticDigits.tiny(count: 90, seed: 11), batchSize: 8,
                                                   classifier: backend.classifier, recipe: recipe, sampleShape: [8, 8])
        func inferencers() -> [any Inferencer] {
            [ClassificationError(), ClassificationError(wrongName: "wrong-top5", summaryName: "val-error-top5"), ScalarStats("cost")]
        }
        let config = TrainConfig(
            backend: backend,
            callbacks: [InferenceRunner(source, inferencers(), prefix: "single"),
                        DataParallelInferenceRunner(source, inferencers(), workers: 2, prefix: "parallel")],
            extraCallbacks: [], monitors: [], stepsPerEpoch: 2, maxEpoch: 2, logLocation: .none,
            environment: TrainingEnvironment(clock: SystemClock(), output: MemoryOutputSink(),
                                             root: FileManager.default.temporaryDirectory))
        let trainer = Trainer(config)
        _ = try trainer.train()
        for stat in ["val-error-top1", "val-error-top5", "validation_cost"] {
            let single = trainer.monitors.history("single/\(stat)").map(\.value)
            #expect(single.count == 2)
            #expect(single == trainer.monitors.history("parallel/\(stat)").map(\.value))
        }
    }
}
