import LoomNN
import LoomTensor
import Testing

@Suite struct LayerGradientTests {
    @Test func dense() {
        var generator = SeededGenerator(seed: 1)
        let layer = Dense(inputSize: 3, outputSize: 2, generator: &generator)
        layer.bias?.assign([0.1, -0.2])
        checkLayerGradients(layer, input: testValues([4, 3]))
    }

    @Test func denseWithoutBias() {
        var generator = SeededGenerator(seed: 2)
        let layer = Dense(inputSize: 2, outputSize: 3, useBias: false, generator: &generator)
        #expect(parametersOf(layer).map(\.name) == ["W"])
        checkLayerGradients(layer, input: testValues([2, 2]))
    }

    @Test func convolutionStridedSamePadding() {
        var generator = SeededGenerator(seed: 3)
        let layer = Conv2D(inputChannels: 2, outputChannels: 3, kernelSize: (3, 3), stride: (2, 2), padding: .same, generator: &generator)
        layer.bias?.assign([0.1, 0, -0.1])
        #expect(parametersOf(layer).map(\.name) == ["W", "b"])
        checkLayerGradients(layer, input: testValues([2, 2, 5, 5], seed: 4))
    }

    @Test func convolutionValidNoBias() {
        var generator = SeededGenerator(seed: 5)
        let layer = Conv2D(inputChannels: 1, outputChannels: 2, kernelSize: (2, 2), padding: .valid, useBias: false, generator: &generator)
        checkLayerGradients(layer, input: testValues([1, 1, 4, 4], seed: 6))
    }

    @Test func batchNormDenseAndConvolutionTraining() {
        let dense = BatchNorm(features: 3)
        dense.gamma.assign([1.5, 0.5, -1])
        dense.beta.assign([0.1, 0.2, 0.3])
        checkLayerGradients(dense, input: testValues([5, 3], seed: 7))
        let conv = BatchNorm(features: 2)
        conv.gamma.assign([0.7, 1.3])
        checkLayerGradients(conv, input: testValues([2, 2, 3, 3], seed: 8))
    }

    @Test func batchNormEvaluation() {
        let layer = BatchNorm(features: 2)
        layer.movingMean.value = Tensor([0.5, -0.5])
        layer.movingVariance.value = Tensor([2, 0.5])
        layer.gamma.assign([1.2, 0.8])
        checkLayerGradients(layer, input: testValues([3, 2, 2, 2], seed: 9), training: false)
    }

    @Test func poolingAndReshaping() {
        checkLayerGradients(Pooling.max(size: (2, 2)), input: testValues([1, 2, 4, 4], seed: 10))
        checkLayerGradients(Pooling.average(size: (2, 2), stride: (1, 1)), input: testValues([1, 2, 3, 3], seed: 11))
        checkLayerGradients(GlobalAvgPool(), input: testValues([2, 3, 2, 2], seed: 12))
        checkLayerGradients(Flatten(), input: testValues([2, 2, 2], seed: 13))
    }

    @Test func activations() {
        for kind in [Activation.Kind.relu, .leakyRelu(slope: 0.1), .sigmoid, .tanh, .gelu] {
            checkLayerGradients(Activation(kind), input: testValues([3, 4], seed: 14, avoiding: 0.05))
        }
    }

    @Test func sequentialAndResidualBlock() {
        var generator = SeededGenerator(seed: 15)
        let sequential = Sequential([
            ("fc1", Dense(inputSize: 3, outputSize: 4, generator: &generator)),
            ("act", Activation(.tanh)),
            ("fc2", Dense(inputSize: 4, outputSize: 2, generator: &generator)),
        ])
        #expect(parametersOf(sequential).map(\.name) == ["fc1/W", "fc1/b", "fc2/W", "fc2/b"])
        checkLayerGradients(sequential, input: testValues([2, 3], seed: 16))
        let block = ResidualBlock(inputChannels: 1, outputChannels: 2, stride: 2, generator: &generator)
        #expect(block.hasProjection)
        checkLayerGradients(block, input: testValues([2, 1, 4, 4], seed: 17), training: false)
    }
}
