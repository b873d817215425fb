import Foundation
import LoomNN
import LoomTensor
import LoomTensorTestSupport
import Testing

@Suite struct MultiHeadSelfAttentionTests {
    func attention(size: Int = 4, heads: Int = 2, causal: Bool, seed: UInt64 = 41) -> MultiHeadSelfAttention {
        var generator = SeededGenerator(seed: seed)
        return MultiHeadSelfAttention(modelSize: size, headCount: heads, causal: causal, generator: &generator)
    }

    @Test func namesAndCausalMask() {
        #expect(parametersOf(attention(causal: true)).map(\.name) == ["q/W", "q/b", "k/W", "k/b", "v/W", "v/b", "out/W", "out/b"])
        #expect(MultiHeadSelfAttention.causalMask(length: 3).scalars == [0, 1, 1, 0, 0, 1, 0, 0, 0])
    }

    @Test func matchesHandComputedSingleHeadAttention() {
        let layer = attention(size: 2, heads: 1, causal: true)
        for projection in [layer.query, layer.key, layer.value, layer.output] {
            projection.weight.assign([1, 0, 0, 1])
            projection.bias?.assign([0, 0])
        }
        let x: [Float] = [1, 0, 0.5, 2, -1, 1]
        let output = layer.forward(Tensor(shape: [1, 3, 2], scalars: x), context: ForwardContext(seed: 0))
        // With identity projections, position t averages x_0...x_t weighted by softmax(x_t·x_s / √2).
        var expected: [Float] = []
        for t in 0..<3 {
            let scores = (0...t).map { s in (x[2 * t] * x[2 * s] + x[2 * t + 1] * x[2 * s + 1]) / Float(2).squareRoot() }
            let weights = scores.map { Foundation.exp($0) }
            let total = weights.reduce(0, +)
            for feature in 0..<2 {
                expected.append((0...t).map { weights[$0] * x[2 * $0 + feature] }.reduce(0, +) / total)
            }
        }
        #expect(close(output.scalars, expected))
        #expect(output.scalars[0] == 1 && output.scalars[1] == 0)
    }

    @Test func causalOutputsIgnoreLaterPositions() {
        let layer = attention(causal: true)
        let context = ForwardContext(seed: 0)
        var input = testValues([2, 4, 4], seed: 42)
        let before = layer.forward(input, context: context).slice(alongAxis: 1, 0..<3).scalars
        input.withUnsafeMutableBufferPointer { buffer in
            for batch in 0..<2 { for feature in 0..<4 { buffer[batch * 16 + 12 + feature] += 5 } }
        }
        let after = layer.forward(input, context: context)
        #expect(after.slice(alongAxis: 1, 0..<3).scalars == before)
        #expect(after.slice(alongAxis: 1, 3..<4).scalars != layer.forward(testValues([2, 4, 4], seed: 42), context: context).slice(alongAxis: 1, 3..<4).scalars)
        let open = attention(causal: false)
        let changed = open.forward(input, context: context).slice(alongAxis: 1, 0..<3).scalars
        #expect(changed != open.forward(testValues([2, 4, 4], seed: 42), context: context).slice(alongAxis: 1, 0..<3).scalars)
    }

    @Test func gradients() {
        checkLayerGradients(attention(causal: true), input: testValues([2, 3, 4], seed: 43))
        checkLayerGradients(attention(heads: 1, causal: false, seed: 44), input: testValues([1, 3, 4], seed: 45))
    }

    @Test func learnsToCopyThePreviousToken() {
        var generator = SeededGenerator(seed: 46)
        let vocabulary = 4, steps = 6, batch = 16, size = 16
        let tokens = Embedding(vocabularySize: vocabulary, embeddingSize: size, generator: &generator)
        let positions = Embedding(vocabularySize: steps, embeddingSize: size, generator: &generator)
        let layer = MultiHeadSelfAttention(modelSize: size, headCount: 2, causal: true, generator: &generator)
        let head = Dense(inputSize: size, outputSize: vocabulary, generator: &generator)
        let context = ForwardContext(seed: 0)
        let parameters = parametersOf(Sequential([("tok", tokens), ("pos", positions), ("attn", layer), ("head", head)]))
        let optimizer = Optimizer.adam(learningRate: 0.02)
        let mask = Tensor(shape: [batch, steps], scalars: (0..<(batch * steps)).map { $0 % steps == 0 ? 0 : 1 })
        let positionIds = Tensor(shape: [1, steps], scalars: (0..<steps).map(Float.init))
        var loss: Float = .infinity
        for _ in 0..<150 {
            let ids = (0..<(batch * steps)).map { _ in Int.random(in: 0..<vocabulary, using: &generator) }
            let targets = ids.indices.map { $0 % steps == 0 ? -1 : ids[$0 - 1] }
            for (_, parameter) in parameters { parameter.zeroGradient() }
            let embedded = tokens.forward(Tensor(shape: [batch, steps], scalars: ids.map(Float.init)), context: context)
                + positions.forward(positionIds, context: context)
            let logits = head.forward(layer.forward(embedded, context: context), context: context)
            let value = Loss.sequenceCrossEntropy(logits: logits, targets: IndexTensor(shape: [batch, steps], indices: targets), mask: mask)
            value.backward()
            optimizer.update(parameters)
            loss = value.scalar
        }
        // Chance level is ln 4 ≈ 1.39 nats; the copy is learned to below 0.05 (≈ 1e-6 here).
        #expect(loss < 0.05, "final loss \(loss)")
    }
}
