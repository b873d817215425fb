import Foundation
import Testing
@testable import LoomTraining

@Suite struct InferencerTests {
    /// Runs one pass of `source` through `runner` outside a trainer; returns the context.
    private func pass(_ runner: InferenceRunner, harness: Harness) throws -> TrainerContext {
        let context = harness.inferenceContext(backend: FakeBackend())
        try runner.setUp(context)
        try runner.trigger()
        return context
    }

    @Test func classificationErrorCountsWrongSamplesOverAllSamples() throws {
        let harness = try Harness()
        // Batches 4, 4, 2: top-1 wrong [1,0,0,1] [0,1,0,0] [1,1] = 2 + 1 + 2 = 5 of 10.
        // (The mean of per-batch means would be (0.5 + 0.25 + 1) / 3 = 0.5833.)
        // Top-5 wrong: [0,0,0,1] [0,0,0,0] [1,0] = 2 of 10 (per-batch mean: 0.25).
        let runner = InferenceRunner(FakeInferenceSource(), [
            ClassificationError(wrongName: "wrong-top1", summaryName: "val-error-top1"),
            ClassificationError(wrongName: "wrong-top5", summaryName: "val-error-top5"),
        ])
        let context = try pass(runner, harness: harness)
        #expect(context.monitors.history("val-error-top1") == [StatPoint(globalStep: 0, value: 0.5)])
        #expect(context.monitors.history("val-error-top5") == [StatPoint(globalStep: 0, value: 0.2)])
        #expect(harness.messages == ["InferenceRunner: 10 samples in 3 batches, 0.000 s: val-error-top1=0.5, val-error-top5=0.2"])
    }

    @Test func classificationErrorRejectsAVectorOfTheWrongLength() throws {
        let inferencer = ClassificationError()
        try inferencer.beforeInference()
        let outputs = StepOutputs(values: ["wrong-top1": .array(shape: [3], values: [1, 0, 1])])
        #expect(throws: InferenceError.sizeMismatch(inferencer: "ClassificationError(wrong-top1)", output: "wrong-top1",
                                                    count: 3, batchSize: 4)) {
            try inferencer.onBatch(outputs, batchSize: 4)
        }
        #expect(throws: InferenceError.missingOutput(inferencer: "ClassificationError(wrong-top1)", output: "wrong-top1")) {
            try inferencer.onBatch(.empty, batchSize: 4)
        }
    }

    @Test func scalarStatsWeightsEachBatchByItsSamples() throws {
        let harness = try Harness()
        // Batch costs 1, 2, 4 over 4, 4, 2 samples: (4 + 8 + 8) / 10 = 2 (an unweighted mean would give 7/3).
        let runner = InferenceRunner(FakeInferenceSource(), [ScalarStats(["cost"])])
        let context = try pass(runner, harness: harness)
        #expect(runner.producedStats == ["validation_cost"])
        #expect(context.monitors.history("validation_cost") == [StatPoint(globalStep: 0, value: 2)])
        let custom = ScalarStats("cost", prefix: "test")
        #expect(custom.statNames == ["test_cost"])
        #expect(throws: InferenceError.notScalar(inferencer: "ScalarStats(cost)", output: "cost", shape: [2])) {
            try custom.onBatch(StepOutputs(values: ["cost": .array(shape: [2], values: [1, 2])]), batchSize: 2)
        }
    }

    @Test func binaryClassificationStatsCountsPrecisionAndRecall() throws {
        let harness = try Harness()
        // pred  [1,1,0,0, 1,0,1,0, 0,1], label [1,0,1,0, 1,1,0,1, 0,1]:
        // true positives at 0, 4, 9 = 3; predicted positives 5; actual positives 6.
        let runner = InferenceRunner(FakeInferenceSource(), [BinaryClassificationStats(predName: "pred", labelName: "label")])
        let context = try pass(runner, harness: harness)
        #expect(runner.producedStats == ["val_precision", "val_recall"])
        #expect(context.monitors.latest("val_precision") == 0.6)
        #expect(context.monitors.latest("val_recall") == 0.5)
    }

    @Test func binaryClassificationStatsAreZeroForZeroDenominators() throws {
        let stats = BinaryClassificationStats(predName: "p", labelName: "l", prefix: "test")
        func run(_ predictions: [Float], _ labels: [Float]) throws -> [String: Double] {
            try stats.beforeInference()
            try stats.onBatch(StepOutputs(values: ["p": .array(shape: [predictions.count], values: predictions),
                                                   "l": .array(shape: [labels.count], values: labels)]),
                              batchSize: predictions.count)
            return try stats.afterInference()
        }
        // No positive prediction and no positive label: both denominators are 0.
        #expect(try run([0, 0, 0], [0, 0, 0]) == ["test_precision": 0, "test_recall": 0])
        // No positive prediction: precision 0 (0/0), recall 0/2.
        #expect(try run([0, 0, 0], [1, 0, 1]) == ["test_precision": 0, "test_recall": 0])
        // No positive label: precision 0/2, recall 0 (0/0).
        #expect(try run([0.9, 0.2, 0.7], [0, 0, 0]) == ["test_precision": 0, "test_recall": 0])
        // The accumulators are reset between passes: 1 of 2 predicted right, 1 of 1 found.
        #expect(try run([0.9, 0.2, 0.7], [1, 0, 0]) == ["test_precision": 0.5, "test_recall": 1])
    }

    @Test func aPassWithoutSamplesPutsNothingAndWarns() throws {
        let harness = try Harness()
        let source = FakeInferenceSource()
        source.batchSizes = []
        source.declaredSamples = nil
        let runner = InferenceRunner(source, [ClassificationError()])
        let context = try pass(runner, harness: harness)
        #expect(context.monitors.statNames == [])
        #expect(harness.messages == ["WRN InferenceRunner: the validation source yielded no samples (0 samples in 0 batches, 0.000 s); no stats were put"])
    }
}
