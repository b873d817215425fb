import LoomData
import LoomDistributed
import LoomEngine
import LoomNN
import LoomTensor
import LoomTraining
import Testing

@Suite struct DataParallelClassifierTests {
    private func batch() -> (Tensor, [Int32]) {
        let images = Tensor(shape: [4, 3], scalars: [1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 1, 0])
        return (images, [0, 1, 2, 0])
    }

    @Test func oneProcessStepEqualsThePlainTrainStep() throws {
        let (images, labels) = batch()
        let plain = Zoo.mlp(inputShape: [3], classes: 3, hidden: [5], seed: 9, weightDecay: 0.01)
        let plainOptimizer = Optimizer.sgd(learningRate: 0.1, momentum: 0.9)
        let parallel = DataParallelClassifier(classifier: Zoo.mlp(inputShape: [3], classes: 3, hidden: [5], seed: 9, weightDecay: 0.01),
                                              optimizer: Optimizer.sgd(learningRate: 0.1, momentum: 0.9),
                                              communicator: SingleProcessCommunicator(), bucketMegabytes: 0.0001)
        try parallel.synchronizeInitialState()
        for _ in 0..<3 {
            let expected = plain.trainStep(images: images, labels: labels, optimizer: plainOptimizer)
            let (local, averaged) = try parallel.trainStep(images: images, labels: labels)
            #expect(averaged.cost == expected.cost)
            #expect(averaged.crossEntropy == expected.crossEntropy)
            #expect(averaged.errorTop1 == expected.errorTop1)
            #expect(local.wrongTop1 == expected.wrongTop1)
        }
        #expect(parallel.classifier.model.stateArrays() == plain.model.stateArrays())
    }

    @Test func backendReturnsAveragedScalarsAndRejectsUnknownOutputs() throws {
        let (images, labels) = batch()
        let parallel = DataParallelClassifier(classifier: Zoo.mlp(inputShape: [3], classes: 3, hidden: [5], seed: 2),
                                              optimizer: Optimizer.sgd(learningRate: 0.1), communicator: SingleProcessCommunicator())
        let backend = DataParallelClassifierBackend(parallel: parallel) { (images, labels) }
        let outputs = try backend.runStep(StepRequest(fetches: ["cost", "wrong-top1"]))
        #expect(outputs.values.keys.sorted() == ["cost", "wrong-top1"])
        #expect(outputs.scalar("cost") != nil)
        #expect(throws: EngineError.unknownOutput("loss", known: ClassifierOutputs.outputNames)) {
            try backend.runStep(StepRequest(fetches: ["loss"]))
        }
        let state = try backend.exportState()
        try backend.importState(state)
        #expect(try backend.exportState() == state)
    }

    /// On one process the data-parallel backend is the single-process classifier backend:
    /// the same outputs (every one, vectors included), summaries and state, bit for bit.
    @Test func oneProcessBackendEqualsClassifierBackend() throws {
        let images = DataComponent.floats(shape: [12, 3], values: (0..<36).map { Float(($0 * 5) % 7) / 6 })
        let labels = DataComponent.ints(shape: [12], values: (0..<12).map { Int32($0 % 3) })
        // Each backend gets its own flow (a flow's shuffle generator is its state).
        let global = { try BatchData(ShuffleData(try ArrayDataFlow(columns: [images, labels]), seed: 2), batchSize: 4) }
        let plain = try ClassifierBackend(classifier: Zoo.mlp(inputShape: [3], classes: 3, hidden: [5], seed: 4, weightDecay: 0.01),
                                          optimizer: Optimizer.adam(learningRate: 0.01), data: try global())
        let parallel = DataParallelClassifier(classifier: Zoo.mlp(inputShape: [3], classes: 3, hidden: [5], seed: 4, weightDecay: 0.01),
                                              optimizer: Optimizer.adam(learningRate: 0.01), communicator: SingleProcessCommunicator())
        let backend = DataParallelClassifierBackend(parallel: parallel,
                                                    cursor: try DataCursor(ShardedBatches(try global(), shard: DataShard(rank: 0, size: 1))))
        #expect(backend.summaryNames == plain.summaryNames && !backend.summaryNames.isEmpty)
        #expect(backend.movingAverageNames == plain.movingAverageNames)
        for step in 0..<5 {
            let request = StepRequest(fetches: step == 2 ? ["cost"] : ClassifierOutputs.outputNames, summaries: step == 3)
            let expected = try plain.runStep(request), found = try backend.runStep(request)
            #expect(found.values == expected.values)
            #expect(found.summaries == expected.summaries)
        }
        #expect(try backend.exportState() == plain.exportState())
    }

    @Test func configureMakesRankZeroTheChief() {
        let run = DistributedRun(communicator: SingleProcessCommunicator(), errorOutput: MemoryOutputSink())
        let parallel = DataParallelClassifier(classifier: Zoo.mlp(inputShape: [3], classes: 3, hidden: [5]),
                                              optimizer: Optimizer.sgd(learningRate: 0.1), communicator: SingleProcessCommunicator())
        let backend = DataParallelClassifierBackend(parallel: parallel) { self.batch() }
        let config = run.configure(TrainConfig(backend: backend, stepsPerEpoch: 1, logLocation: .at("x"), isChief: false))
        #expect(config.isChief)
        #expect(config.logLocation == LogLocation.at("x"))
    }
}
