import LoomData
import LoomDistributed
import LoomNN
import LoomTensor
import LoomTraining
import Testing

@Suite struct DataParallelClassifierBackendResumeTests {
    /// A backend over 12 shuffled samples of 3 features in batches of 4 (3 batches a pass).
    private func backend(seed: UInt64 = 5) throws -> DataParallelClassifierBackend {
        let images = DataComponent.floats(shape: [12, 3], values: (0..<36).map { Float(($0 * 7) % 11) / 10 })
        let labels = DataComponent.ints(shape: [12], values: (0..<12).map { Int32($0 % 3) })
        let global = try BatchData(ShuffleData(try ArrayDataFlow(columns: [images, labels]), seed: 3), batchSize: 4)
        let cursor = try DataCursor(ShardedBatches(global, shard: DataShard(rank: 0, size: 1)))
        let parallel = DataParallelClassifier(classifier: Zoo.mlp(inputShape: [3], classes: 3, hidden: [5], seed: seed),
                                              optimizer: Optimizer.adam(learningRate: 0.01), communicator: SingleProcessCommunicator())
        return DataParallelClassifierBackend(parallel: parallel, cursor: cursor) { datapoint in
            guard case let .floats(shape, values) = datapoint[0], case let .ints(_, labels) = datapoint[1] else {
                throw DistributedTrainingError.resumeState("unexpected batch \(datapoint)")
            }
            return (Tensor(shape: shape, scalars: values), labels)
        }
    }

    private func costs(_ backend: DataParallelClassifierBackend, steps: Int) throws -> [Double] {
        try (0..<steps).map { _ in try #require(try backend.runStep(StepRequest(fetches: ["cost"])).scalar("cost")) }
    }

    @Test func stateNamesDoNotDependOnProgress() throws {
        let backend = try backend()
        let fresh = try backend.exportState()
        _ = try costs(backend, steps: 1)
        let trained = try backend.exportState()
        #expect(fresh.map(\.name) == trained.map(\.name))
        #expect(fresh.map(\.shape) == trained.map(\.shape))
        #expect(fresh.map(\.name).contains("optimizer/fc/W/m"))
    }

    @Test func aRestoredBackendContinuesBitIdentically() throws {
        let original = try backend()
        _ = try costs(original, steps: 4)   // one pass and one batch into the second
        let arrays = try original.exportState()
        let resume = try original.exportResumeState()
        #expect(!resume.isEmpty)
        let expected = try costs(original, steps: 4)

        let restored = try backend(seed: 99)
        try restored.importState(arrays)
        try restored.importResumeState(resume)
        #expect(try costs(restored, steps: 4) == expected)
        #expect(try restored.exportState() == original.exportState())
        #expect(try restored.exportResumeState() == original.exportResumeState())
    }

    @Test func aClosureBackendHasNoResumeStateAndRefusesOne() throws {
        let parallel = DataParallelClassifier(classifier: Zoo.mlp(inputShape: [3], classes: 3, hidden: [5]),
                                              optimizer: Optimizer.sgd(learningRate: 0.1), communicator: SingleProcessCommunicator())
        let closure = DataParallelClassifierBackend(parallel: parallel) { (Tensor(shape: [1, 3], scalars: [1, 0, 0]), [0]) }
        #expect(try closure.exportResumeState() == BackendResumeState())
        try closure.importResumeState(BackendResumeState())
        let saved = try backend().exportResumeState()
        #expect(throws: DistributedTrainingError.self) { try closure.importResumeState(saved) }
    }
}
