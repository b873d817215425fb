import LoomDistributed
import LoomNN
import LoomTensor
import LoomTraining
import Testing

@Suite struct DataParallelClassifierBackendProfilingTests {
    @Test func aProfiledStepHasTheReplicasPerLayerSpans() throws {
        let images = Tensor(shape: [4, 3], scalars: [1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 1, 0])
        let parallel = DataParallelClassifier(classifier: Zoo.mlp(inputShape: [3], classes: 3, hidden: [5], seed: 2),
                                              optimizer: Optimizer.sgd(learningRate: 0.1), communicator: SingleProcessCommunicator())
        let backend = DataParallelClassifierBackend(parallel: parallel) { (images, [0, 1, 2, 0]) }
        backend.beginProfiling()
        _ = try backend.runStep(StepRequest(fetches: ["cost"]))
        let events = backend.endProfiling()
        #expect(events.map(\.name) == [
            "cost", "forward", "flatten/forward", "fc1/forward", "relu1/forward", "fc/forward", "loss",
            "loss/backward", "fc/backward", "relu1/backward", "fc1/backward", "optimizer/fc1", "optimizer/fc",
        ])
        #expect(events.allSatisfy { $0.durationMicroseconds >= 0 })
        _ = try backend.runStep(StepRequest())
        #expect(backend.endProfiling().isEmpty)
    }
}
