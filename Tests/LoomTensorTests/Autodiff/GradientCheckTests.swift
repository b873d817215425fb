import LoomTensor
import Testing

/// Every differentiable op against central finite differences (see `checkGradients`).
@Suite struct GradientCheckTests {
    let a = testValues([2, 3], seed: 1)
    let b = testValues([2, 3], seed: 2, in: 0.5...2)

    @Test func arithmeticWithBroadcasting() {
        let row = testValues([3], seed: 3, in: 0.5...2)
        let column = testValues([2, 1], seed: 4, in: 0.5...2)
        checkGradients([a, row]) { $0[0] + $0[1] }
        checkGradients([a, column]) { $0[0] - $0[1] }
        checkGradients([a, row]) { $0[0] * $0[1] }
        checkGradients([a, column]) { $0[0] / $0[1] }
        checkGradients([row, column]) { $0[0] * $0[1] }
        checkGradients([a, Tensor(1.5)]) { $0[0] * $0[1] - $0[1] }
        checkGradients([a]) { -$0[0] * 3 + 1 }
        checkGradients([a, b]) { Tensor.maximum($0[0], $0[1]) }
        checkGradients([a, b]) { Tensor.minimum($0[0], $0[1]) }
    }

    @Test func unaryMath() {
        checkGradients([a]) { $0[0].exp() }
        checkGradients([b]) { $0[0].log() }
        checkGradients([b]) { $0[0].sqrt() }
        checkGradients([b]) { $0[0].rsqrt() }
        checkGradients([b]) { $0[0].pow(3) }
        checkGradients([b]) { $0[0].pow(-1.5) }
        checkGradients([b, testValues([3], seed: 5, in: 0.5...2)]) { Tensor.pow($0[0], $0[1]) }
        checkGradients([testValues([2, 3], avoiding: 0.05)]) { $0[0].abs() }
        checkGradients([testValues([2, 3], seed: 6, in: -1...1)]) { $0[0].clamped(to: -0.5...0.5) }
    }

    @Test func activations() {
        let x = testValues([2, 4], seed: 7, avoiding: 0.05)
        checkGradients([x]) { $0[0].relu() }
        checkGradients([x]) { $0[0].leakyRelu(slope: 0.2) }
        checkGradients([x]) { $0[0].sigmoid() }
        checkGradients([x]) { $0[0].tanh() }
        checkGradients([x]) { $0[0].gelu() }
        checkGradients([x]) { $0[0].softplus() }
    }

    @Test func reductions() {
        let x = testValues([2, 3, 4], seed: 8)
        checkGradients([x]) { $0[0].sum() }
        checkGradients([x]) { $0[0].sum(alongAxes: [1], keepDims: true) }
        checkGradients([x]) { $0[0].sum(alongAxes: [0, 2]) }
        checkGradients([x]) { $0[0].mean(alongAxes: [-1], keepDims: true) }
        checkGradients([x]) { $0[0].mean() }
        checkGradients([x]) { $0[0].variance(alongAxes: [2]) }
        checkGradients([x]) { $0[0].max(alongAxes: [1]) }
        checkGradients([x]) { $0[0].min(alongAxes: [0, 2], keepDims: true) }
    }

    @Test func shapeOps() {
        let x = testValues([2, 3, 2], seed: 9)
        checkGradients([x]) { $0[0].reshaped(to: [3, 4]) }
        checkGradients([x]) { $0[0].permuted([2, 0, 1]) }
        checkGradients([x]) { $0[0].transposed() }
        checkGradients([testValues([3, 1], seed: 10)]) { $0[0].expanded(to: [2, 3, 4]) }
        checkGradients([x]) { $0[0].unsqueezed(axis: 1).squeezed(axes: [1]) }
        checkGradients([x, testValues([2, 1, 2], seed: 11)]) { Tensor.concatenate([$0[0], $0[1]], alongAxis: 1) }
        checkGradients([a, b]) { Tensor.stack([$0[0], $0[1]], alongAxis: 2) }
        checkGradients([x]) { $0[0].slice([1..<2, 0..<3, 1..<2]) }
        checkGradients([x]) { $0[0].padded([(before: 1, after: 0), (before: 0, after: 2)], value: 3) }
        checkGradients([x]) { $0[0].gathering(IndexTensor([2, 0, 2]), alongAxis: 1) }
        checkGradients([a]) { $0[0].taking(IndexTensor(shape: [2, 2], indices: [2, 2, 0, 1]), alongAxis: 1) }
    }

    @Test func matmul() {
        checkGradients([testValues([3, 4], seed: 12), testValues([4, 2], seed: 13)]) { Tensor.matmul($0[0], $0[1]) }
        checkGradients([testValues([2, 3, 4], seed: 14), testValues([4, 2], seed: 15)]) { Tensor.matmul($0[0], $0[1]) }
        checkGradients([testValues([2, 3, 4], seed: 16), testValues([2, 4, 5], seed: 17)]) { Tensor.matmul($0[0], $0[1]) }
    }

    @Test func softmaxFamily() {
        let logits = testValues([3, 4], seed: 18)
        checkGradients([logits]) { $0[0].softmax(alongAxis: 1) }
        checkGradients([logits]) { $0[0].softmax(alongAxis: 0) }
        checkGradients([logits]) { $0[0].logSoftmax(alongAxis: -1) }
        checkGradients([logits]) { Tensor.softmaxCrossEntropy(logits: $0[0], labels: IndexTensor([3, 0, 1])) }
    }

    @Test func convolutionAndPooling() {
        let input = testValues([2, 2, 5, 5], seed: 19)
        let weight = testValues([3, 2, 3, 3], seed: 20, in: -1...1)
        checkGradients([input, weight]) { Tensor.conv2d($0[0], $0[1]) }
        checkGradients([input, weight]) { Tensor.conv2d($0[0], $0[1], stride: (2, 2), padding: .same) }
        checkGradients([input, testValues([2, 2, 2, 3], seed: 21)]) { Tensor.conv2d($0[0], $0[1], stride: (1, 2), padding: .symmetric(1, 2)) }
        // Distinct values well apart so no window has a near tie within the step.
        let distinct = Tensor(shape: [1, 2, 4, 4], scalars: (0..<32).map { Float(($0 * 7) % 32) * 0.25 })
        checkGradients([distinct]) { Tensor.maxPool2d($0[0], kernel: (2, 2)) }
        checkGradients([distinct]) { Tensor.maxPool2d($0[0], kernel: (3, 3), stride: (1, 1), padding: .same) }
        checkGradients([input]) { Tensor.avgPool2d($0[0], kernel: (2, 2)) }
        checkGradients([input]) { Tensor.avgPool2d($0[0], kernel: (3, 3), stride: (2, 2), padding: .same) }
    }

    @Test func dropoutMaskIsDifferentiableThroughMultiply() {
        var generator = SeededGenerator(seed: 3)
        let mask = Tensor(dropoutMask: [2, 3], keepProbability: 0.5, using: &generator)
        checkGradients([a]) { $0[0] * mask }
    }
}
