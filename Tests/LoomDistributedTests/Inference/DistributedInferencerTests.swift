import LoomTraining
import Testing
@testable import LoomDistributed

@Suite struct DistributedInferencerTests {
    @Test func classificationErrorCountsWrongOverSamples() throws {
        let error = DistributedClassificationError(communicator: SingleProcessCommunicator())
        try error.beforeInference()
        try error.onBatch(StepOutputs(values: ["wrong-top1": .array(shape: [4], values: [1, 0, 1, 1])]), batchSize: 4)
        try error.onBatch(StepOutputs(values: ["wrong-top1": .array(shape: [1], values: [0])]), batchSize: 1)
        #expect(try error.afterInference() == ["val-error-top1": 0.6])
        #expect(throws: InferenceError.sizeMismatch(inferencer: "DistributedClassificationError(wrong-top1)", output: "wrong-top1",
                                                    count: 1, batchSize: 2)) {
            try error.onBatch(StepOutputs(values: ["wrong-top1": .array(shape: [1], values: [0])]), batchSize: 2)
        }
    }

    @Test func scalarStatsWeightsByBatchSize() throws {
        let stats = DistributedScalarStats(["cost"], communicator: SingleProcessCommunicator())
        try stats.beforeInference()
        try stats.onBatch(StepOutputs(values: ["cost": .scalar(1)]), batchSize: 3)
        try stats.onBatch(StepOutputs(values: ["cost": .scalar(5)]), batchSize: 1)
        #expect(try stats.afterInference() == ["validation_cost": 2])
    }
}
