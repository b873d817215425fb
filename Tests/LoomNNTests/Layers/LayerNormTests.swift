import LoomNN
import LoomTensor
import LoomTensorTestSupport
import Testing

@Suite struct LayerNormTests {
    @Test func normalisesTheLastDimension() {
        let layer = LayerNorm(features: 4, epsilon: 0)
        let output = layer.forward(Tensor(shape: [2, 4], scalars: [1, 2, 3, 4, 10, 10, 10, 14]), context: ForwardContext(seed: 0))
        // Row 1: mean 2.5, variance 1.25; row 2: mean 11, variance 3.
        #expect(close(output.scalars, [-1.3416408, -0.4472136, 0.4472136, 1.3416408,
                                       -0.5773503, -0.5773503, -0.5773503, 1.7320508]))
        layer.gamma.assign([2, 2, 1, 1])
        layer.beta.assign([0, 1, 0, -1])
        let scaled = layer.forward(Tensor(shape: [1, 4], scalars: [1, 2, 3, 4]), context: ForwardContext(seed: 0))
        #expect(close(scaled.scalars, [-2.6832816, 0.1055728, 0.4472136, 0.3416408]))
    }

    @Test func epsilonKeepsConstantRowsFinite() {
        let output = LayerNorm(features: 3).forward(Tensor(shape: [1, 3], scalars: [5, 5, 5]), context: ForwardContext(seed: 0))
        #expect(output.scalars == [0, 0, 0])
    }

    @Test func gradients() {
        let layer = LayerNorm(features: 4)
        layer.gamma.assign([1.5, -0.5, 1, 0.7])
        layer.beta.assign([0.1, 0.2, -0.3, 0])
        #expect(parametersOf(layer).map(\.name) == ["gamma", "beta"])
        checkLayerGradients(layer, input: testValues([2, 3, 4], seed: 22))
    }
}
