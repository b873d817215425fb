import LoomNN
import LoomTensor
import LoomTensorTestSupport
import Testing

@Suite struct Upsample2DTests {
    @Test func repeatsEachPixelInABlock() {
        let output = Upsample2D().forward(Tensor(shape: [1, 1, 2, 2], scalars: [1, 2, 3, 4]), context: ForwardContext(seed: 0))
        #expect(output.shape == [1, 1, 4, 4])
        #expect(output.scalars == [1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4])
        let tripled = Upsample2D(scale: 3).forward(Tensor(zeros: [2, 3, 1, 2]), context: ForwardContext(seed: 0))
        #expect(tripled.shape == [2, 3, 3, 6])
    }

    @Test func gradientSumsEachBlock() {
        let input = Tensor(shape: [1, 1, 1, 2], scalars: [1, 2]).requiringGradient()
        let output = Upsample2D().forward(input, context: ForwardContext(seed: 0))
        (output * Tensor(shape: [1, 1, 2, 4], scalars: [1, 2, 3, 4, 5, 6, 7, 8])).sum().backward()
        #expect(input.grad?.scalars == [14, 22])
        checkLayerGradients(Upsample2D(), input: testValues([2, 2, 2, 3], seed: 23))
    }

    @Test func decoderStepWithConvolution() {
        var generator = SeededGenerator(seed: 24)
        let decoder = Sequential([
            ("up", Upsample2D()),
            ("conv", Conv2D(inputChannels: 2, outputChannels: 1, kernelSize: (3, 3), generator: &generator)),
        ])
        #expect(parametersOf(decoder).map(\.name) == ["conv/W", "conv/b"])
        checkLayerGradients(decoder, input: testValues([1, 2, 2, 2], seed: 25))
    }
}
