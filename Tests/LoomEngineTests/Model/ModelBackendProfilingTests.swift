import LoomData
import LoomEngine
import LoomNN
import LoomTensor
import LoomTraining
import Testing

@Suite struct ModelBackendProfilingTests {
    /// A small LeNet (conv, pool, dense) on 8×8 digits.
    private func lenetBackend() throws -> ClassifierBackend<BatchData<ShuffleData<SyntheticDigits>>> {
        var recipe = ClassifierRecipe(.lenet)
        recipe.channels = [2, 3]
        recipe.hidden = [8]
        let classifier = try recipe.makeClassifier(sampleShape: [8, 8], classes: 10, seed: 3)
        return try ClassifierBackend(classifier: classifier, optimizer: .adam(), data: try TinyDigits.batches())
    }

    private static let layers = ["conv1", "pool1", "relu1", "conv2", "pool2", "relu2", "flatten", "fc1", "relu3", "fc"]

    /// The span names of one profiled step, in start order.
    private static var stepNames: [String] {
        ["runStep", "batch", "cost", "forward"] + layers.map { "\($0)/forward" } + ["loss", "backward", "loss/backward"]
            + layers.reversed().map { "\($0)/backward" }
            + ["optimizer"] + ["conv1", "conv2", "fc1", "fc"].map { "optimizer/\($0)" }
    }

    @Test func profiledStepsNestPerLayerForwardBackwardAndOptimizerSpans() throws {
        let backend = try lenetBackend()
        _ = try backend.runStep(StepRequest())
        backend.beginProfiling()
        for _ in 0..<2 { _ = try backend.runStep(StepRequest(fetches: ["cost"])) }
        let events = backend.endProfiling()
        #expect(events.map(\.name) == Self.stepNames + Self.stepNames)
        #expect(events.allSatisfy { $0.durationMicroseconds >= 0 && $0.threadID == 0 })
        #expect(zip(events, events.dropFirst()).allSatisfy { $0.startMicroseconds <= $1.startMicroseconds })
        #expect(events.first.map { $0.startMicroseconds >= 0 } == true)

        let steps = events.filter { $0.name == "runStep" }
        #expect(steps.count == 2 && steps.allSatisfy { $0.category == "step" })
        let categories = Dictionary(grouping: events, by: \.category).mapValues(\.count)
        #expect(categories == ["step": 2, "data": 2, "cost": 2, "forward": 2, "loss": 2, "backward": 2, "optimizer": 2,
                               "layer.forward": 20, "layer.backward": 22, "layer.optimizer": 8])
        // Every span lies inside its step, and each layer span inside its phase.
        func contains(_ outer: TraceEvent, _ inner: TraceEvent) -> Bool {
            outer.startMicroseconds <= inner.startMicroseconds
                && inner.startMicroseconds + inner.durationMicroseconds <= outer.startMicroseconds + outer.durationMicroseconds
        }
        for (index, step) in steps.enumerated() {
            let spans = events[(index * Self.stepNames.count)..<((index + 1) * Self.stepNames.count)]
            #expect(spans.allSatisfy { contains(step, $0) })
            let phase = { (name: String) in spans.first { $0.name == name } }
            for span in spans {
                let parent: String? = switch span.category {
                case "layer.forward": "forward"
                case "forward", "loss": "cost"
                case "layer.backward": "backward"
                case "layer.optimizer": "optimizer"
                default: nil
                }
                if let parent, let outer = phase(parent) { #expect(contains(outer, span), "\(span.name) is outside \(parent)") }
            }
        }
        // Off again: nothing is recorded, and a second session starts empty.
        _ = try backend.runStep(StepRequest())
        #expect(backend.backend.endProfiling().isEmpty)
        #expect(backend.backend.model.context.traceRecorder == nil)
    }

    @Test func aStepThatFailsLeavesNoOpenSpan() throws {
        struct CostFailure: Error {}
        let backend = try ModelBackend(model: Model(TinyRegression.network()), optimizer: .sgd(learningRate: 0.01),
                                       data: TinyRegression.data(), batch: TinyRegression.batch) { model, batch, context in
            _ = TinyRegression.cost(model, batch, context)
            throw CostFailure()
        }
        backend.beginProfiling()
        #expect(throws: CostFailure.self) { try backend.runStep(StepRequest()) }
        backend.model.context.traceRecorder?.pullbackWillRun(scope: "dense")
        let events = backend.endProfiling()
        // The spans of the failed step are closed; so is a run left open (here by hand).
        #expect(events.map(\.name) == ["runStep", "batch", "cost", "forward", "fc1/forward", "relu/forward", "drop/forward",
                                       "fc/forward", "dense/backward"])
        #expect(events.allSatisfy { $0.durationMicroseconds >= 0 })
    }

    @Test func nestedLayersGiveNestedSpansInBothDirections() throws {
        var generator = LoomTensor.SeededGenerator(seed: 5)
        let block = Sequential([("conv1", Conv2D(inputChannels: 1, outputChannels: 2, kernelSize: (3, 3), padding: .same,
                                                 generator: &generator)), ("relu", Activation.relu)])
        let network = Sequential([("block1", block), ("flatten", Flatten()),
                                  ("fc", Dense(inputSize: 2 * 4 * 4, outputSize: 3, generator: &generator))])
        let model = Model(network, seed: 1)
        let recorder = TraceRecorder()
        model.context.traceRecorder = recorder
        let cost = model(Tensor(shape: [2, 1, 4, 4], scalars: (0..<32).map { Float($0) / 32 })).sum()
        cost.backward(observer: recorder)
        Optimizer.sgd(learningRate: 0.1).update(model.namedParameters(), recorder: recorder)
        #expect(recorder.spans.map(\.name) == [
            "forward", "block1/forward", "block1/conv1/forward", "block1/relu/forward", "flatten/forward", "fc/forward",
            "fc/backward", "flatten/backward", "block1/backward", "block1/relu/backward", "block1/conv1/backward",
            "optimizer/block1", "optimizer/block1/conv1", "optimizer/fc",
        ])
        let span = { (name: String) in recorder.spans.first { $0.name == name } }
        if let outer = span("block1/backward"), let inner = span("block1/conv1/backward") {
            #expect(outer.startMicroseconds + outer.durationMicroseconds == inner.startMicroseconds + inner.durationMicroseconds)
        }
        #expect(recorder.spans.allSatisfy { $0.durationMicroseconds >= 0 })
    }
}
