import Foundation
import LoomNN
import LoomTensor
import LoomTensorTestSupport
import Testing

@Suite struct LSTMTests {
    func lstm(input: Int = 2, hidden: Int = 3, carries: Bool = false, seed: UInt64 = 31) -> LSTM {
        var generator = SeededGenerator(seed: seed)
        return LSTM(inputSize: input, hiddenSize: hidden, carriesState: carries, generator: &generator)
    }

    @Test func namesShapesAndForgetBias() {
        let layer = lstm()
        let model = Model(Sequential([("lstm", layer)]))
        #expect(model.stateNames == ["lstm/input/W", "lstm/recurrent/W", "lstm/b"])
        #expect(model.namedParameters().map(\.parameter.shape) == [[2, 12], [3, 12], [12]])
        #expect(layer.bias.value.scalars == [0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0])
    }

    @Test func matchesAHandComputedRecurrence() {
        let layer = lstm(input: 1, hidden: 1)
        layer.inputWeight.assign([0.5, -0.3, 0.8, 0.2])
        layer.recurrentWeight.assign([0.1, 0.4, -0.6, 0.9])
        layer.bias.assign([0, 1, 0.1, -0.2])
        let inputs: [Float] = [1, -2, 0.5]
        func sigmoid(_ x: Float) -> Float { 1 / (1 + Foundation.exp(-x)) }
        var h: Float = 0, c: Float = 0, expected: [Float] = []
        for x in inputs {
            let i = sigmoid(0.5 * x + 0.1 * h), f = sigmoid(-0.3 * x + 0.4 * h + 1)
            let g = Foundation.tanh(0.8 * x - 0.6 * h + 0.1), o = sigmoid(0.2 * x + 0.9 * h - 0.2)
            c = f * c + i * g
            h = o * Foundation.tanh(c)
            expected.append(h)
        }
        let (outputs, state) = layer(Tensor(shape: [1, 3, 1], scalars: inputs))
        #expect(outputs.shape == [1, 3, 1])
        #expect(close(outputs.scalars, expected))
        #expect(close(state.hidden.scalars, [h]) && close(state.cell.scalars, [c]))
    }

    @Test func gradientsThroughTimeAndInitialState() {
        let layer = lstm()
        checkLayerGradients(layer, input: testValues([2, 3, 2], seed: 32))
        checkGradients([testValues([2, 2, 2], seed: 33), testValues([2, 3], seed: 34, in: -0.5...0.5),
                        testValues([2, 3], seed: 35, in: -0.5...0.5)]) { values in
            let (outputs, state) = layer(values[0], initialState: LSTMState(hidden: values[1], cell: values[2]))
            return Tensor.concatenate([outputs.reshaped(to: [2, 6]), state.cell], alongAxis: 1)
        }
    }

    @Test func carriedStateContinuesTheSequenceWithoutItsGraph() {
        let whole = testValues([2, 5, 2], seed: 36)
        let first = whole.slice(alongAxis: 1, 0..<3).requiringGradient(), second = whole.slice(alongAxis: 1, 3..<5)
        let reference = lstm()(whole).outputs.slice(alongAxis: 1, 3..<5).scalars
        let layer = lstm(carries: true)
        let context = ForwardContext(seed: 0)
        _ = layer.forward(first, context: context)
        #expect(layer.carriedState(training: true)?.hidden.requiresGradient == false)
        #expect(layer.carriedState(training: false) == nil)
        let continued = layer.forward(second, context: context)
        #expect(close(continued.scalars, reference))
        continued.sum().backward()
        #expect(first.grad == nil)
        // The same gradient as an explicit call from the detached carried state.
        let carriedGradient = layer.recurrentWeight.gradient?.scalars ?? []
        layer.recurrentWeight.zeroGradient()
        let start = lstm()(first).state.detached()
        layer(second, initialState: start).outputs.sum().backward()
        #expect(close(layer.recurrentWeight.gradient?.scalars ?? [], carriedGradient))
        // Not exported: the model's state is the weights only, before and after carrying.
        #expect(Model(layer).stateNames == ["input/W", "recurrent/W", "b"])
        layer.resetState()
        #expect(layer.carriedState(training: true) == nil)
        #expect(close(layer.forward(second, context: context).scalars, lstm()(second).outputs.scalars))
    }

    @Test func trainingAndEvaluationCarrySeparateStates() {
        let layer = lstm(carries: true)
        let training = ForwardContext(isTraining: true, seed: 0), evaluation = ForwardContext(isTraining: false, seed: 0)
        let first = testValues([1, 2, 2], seed: 38), second = testValues([1, 2, 2], seed: 39)
        _ = layer.forward(first, context: training)
        let trainingState = layer.carriedState(training: true)?.hidden.scalars
        let evaluated = layer.forward(second, context: evaluation)
        #expect(close(evaluated.scalars, lstm()(second).outputs.scalars))
        #expect(layer.carriedState(training: true)?.hidden.scalars == trainingState)
        let continued = layer.forward(second, context: training)
        let fromFirst = lstm()(first).state
        #expect(close(continued.scalars, lstm()(second, initialState: fromFirst).outputs.scalars))
        layer.resetState(training: false)
        #expect(layer.carriedState(training: false) == nil && layer.carriedState(training: true) != nil)
    }

    @Test func learnsToEchoTheTokenTwoStepsBack() {
        var generator = SeededGenerator(seed: 37)
        let vocabulary = 4, steps = 8, batch = 16, lag = 2
        let embedding = Embedding(vocabularySize: vocabulary, embeddingSize: 8, generator: &generator)
        let recurrent = LSTM(inputSize: 8, hiddenSize: 16, generator: &generator)
        let head = Dense(inputSize: 16, outputSize: vocabulary, generator: &generator)
        let context = ForwardContext(seed: 0)
        let parameters = parametersOf(Sequential([("embed", embedding), ("lstm", recurrent), ("head", head)]))
        let optimizer = Optimizer.adam(learningRate: 0.03)
        let mask = Tensor(shape: [batch, steps], scalars: (0..<(batch * steps)).map { $0 % steps < lag ? 0 : 1 })
        var loss: Float = .infinity
        for _ in 0..<120 {
            let tokens = (0..<(batch * steps)).map { _ in Int.random(in: 0..<vocabulary, using: &generator) }
            let targets = tokens.indices.map { $0 % steps < lag ? -1 : tokens[$0 - lag] }
            for (_, parameter) in parameters { parameter.zeroGradient() }
            let ids = Tensor(shape: [batch, steps], scalars: tokens.map(Float.init))
            let hidden = recurrent.forward(embedding.forward(ids, context: context), context: context)
            let value = Loss.sequenceCrossEntropy(logits: head.forward(hidden, context: context),
                                                  targets: IndexTensor(shape: [batch, steps], indices: targets), mask: mask)
            value.backward()
            optimizer.update(parameters)
            loss = value.scalar
        }
        // Chance level is ln 4 ≈ 1.39 nats; the echo is learned to below 0.05 (≈ 0.007 here).
        #expect(loss < 0.05, "final loss \(loss)")
    }
}
