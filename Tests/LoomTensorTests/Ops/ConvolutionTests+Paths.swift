@testable import LoomTensor
import LoomTensorTestSupport
import Testing

/// The kernel paths behind conv2d and max pooling: the fused bias, strided and padded
/// patch packing, the 2×2 max-pool fast path, and independence from the thread count.
extension ConvolutionTests {
    /// Pooling cases of the 2×2, stride-2 fast path (exact tiling, odd sizes that leave a
    /// row/column out) and of the general path (padding on odd sizes).
    static let pairwiseCases: [Case] = [
        Case(input: [2, 3, 6, 8], weight: [1, 1, 2, 2], stride: (2, 2), padding: .valid),
        Case(input: [1, 2, 7, 5], weight: [1, 1, 2, 2], stride: (2, 2), padding: .valid),
        Case(input: [1, 2, 5, 7], weight: [1, 1, 2, 2], stride: (2, 2), padding: .same),
    ]

    @Test(arguments: cases)
    func convolutionWithBiasMatchesNaive(_ c: Case) {
        let x = testValues(c.input, seed: 4), w = testValues(c.weight, seed: 5), b = testValues([c.weight[0]], seed: 6)
        let plane = offsets(c).2 * offsets(c).3
        let expected = naiveConvolution(c, x, w).enumerated().map { index, value in value + b.scalars[index / plane % c.weight[0]] }
        #expect(close(Tensor.conv2d(x, w, bias: b, stride: c.stride, padding: c.padding).scalars, expected, tolerance: 1e-5))
    }

    @Test func biasedConvolutionGradients() {
        // One input channel with a LeNet-like 5×5 window, several channels with stride 2 over
        // an odd size ("same" pads bottom/right only), and explicit uneven padding.
        checkGradients([testValues([2, 1, 7, 6], seed: 7), testValues([3, 1, 5, 5], seed: 8, in: -1...1), testValues([3], seed: 9)]) {
            Tensor.conv2d($0[0], $0[1], bias: $0[2])
        }
        checkGradients([testValues([2, 3, 7, 7], seed: 10), testValues([2, 3, 3, 3], seed: 11, in: -1...1), testValues([2], seed: 12)]) {
            Tensor.conv2d($0[0], $0[1], bias: $0[2], stride: (2, 2), padding: .same)
        }
        checkGradients([testValues([1, 2, 6, 5], seed: 13), testValues([2, 2, 3, 2], seed: 14, in: -1...1), testValues([2], seed: 15)]) {
            Tensor.conv2d($0[0], $0[1], bias: $0[2], stride: (2, 3), padding: .explicit(top: 2, bottom: 0, left: 1, right: 3))
        }
    }

    @Test func biasShapeErrorNamesTheShapes() {
        #expect(throws: ShapeError(op: "conv2d", "weight [4, 3, 3, 3] and bias [3]: the bias must be [4], one value per output channel")) {
            _ = try Tensor.convolutionGeometry(input: [1, 3, 8, 8], weight: [4, 3, 3, 3], bias: [3], stride: (1, 1), padding: .valid)
        }
    }

    @Test(arguments: pairwiseCases)
    func maxPoolingRoutesEachGradientToTheFirstMaximum(_ c: Case) {
        // Values on a coarse grid, so many windows hold ties: the first maximum in
        // row-major window order must win, as in the naive loop.
        let x = Tensor(shape: c.input, scalars: testValues(c.input, seed: 16).scalars.map { ($0 * 1.5).rounded() })
        let values = x.scalars, windows = naiveWindows(c)
        let leaf = x.requiringGradient()
        let pooled = Tensor.maxPool2d(leaf, kernel: (2, 2), stride: c.stride, padding: c.padding)
        #expect(pooled.scalars == windows.map { window in window.map { values[$0] }.max() ?? -.infinity })
        #expect(Tensor.maxPool2d(x, kernel: (2, 2), stride: c.stride, padding: c.padding).scalars == pooled.scalars)  // no winners kept
        let seed = testValues(pooled.shape, seed: 17)
        pooled.backward(seed: seed)
        var expected = [Float](repeating: 0, count: x.scalarCount)
        for (index, window) in windows.enumerated() {
            guard let best = window.map({ values[$0] }).max(), let winner = window.first(where: { values[$0] == best }) else { continue }
            expected[winner] += seed.scalars[index]
        }
        #expect(leaf.grad?.scalars == expected)
        let distinct = Tensor(shape: c.input, scalars: (0..<x.scalarCount).map { Float(($0 * 7) % 61) * 0.25 })
        checkGradients([distinct]) { Tensor.maxPool2d($0[0], kernel: (2, 2), stride: c.stride, padding: c.padding) }
    }

    /// A batch larger than one patch-matrix chunk (here 5 images per chunk: 5, 5, 2) gives
    /// what the images give one at a time, gradients included.
    @Test func chunkedBatchMatchesImageByImage() {
        let x = testValues([12, 8, 16, 16], seed: 21), w = testValues([4, 8, 5, 5], seed: 22, in: -0.5...0.5), b = testValues([4], seed: 23)
        #expect(Tensor.chunkFloats / (8 * 5 * 5 * 16 * 16) == 5)
        func run(_ images: Tensor) -> (output: [Float], input: [Float], weight: [Float], bias: [Float]) {
            let (input, weight, bias) = (images.requiringGradient(), w.requiringGradient(), b.requiringGradient())
            let output = Tensor.conv2d(input, weight, bias: bias, padding: .same)
            (output * output).sum().backward()
            return (output.scalars, input.grad?.scalars ?? [], weight.grad?.scalars ?? [], bias.grad?.scalars ?? [])
        }
        let batch = run(x)
        let single = (0..<12).map { run(Tensor(shape: [1, 8, 16, 16], scalars: Array(x.scalars[$0 * 2048..<($0 + 1) * 2048]))) }
        #expect(close(batch.output, single.flatMap(\.output), tolerance: 1e-5))
        #expect(close(batch.input, single.flatMap(\.input), tolerance: 1e-5))
        let weightSum = single.map(\.weight).reduce([Float](repeating: 0, count: w.scalarCount)) { zip($0, $1).map(+) }
        let biasSum = single.map(\.bias).reduce([Float](repeating: 0, count: 4)) { zip($0, $1).map(+) }
        #expect(close(batch.weight, weightSum, tolerance: 1e-4))
        #expect(close(batch.bias, biasSum, tolerance: 1e-4))
    }

    /// Large enough that packing, layout and pooling split over two threads.
    @Test func resultsDoNotDependOnTheThreadCount() {
        let x = testValues([8, 4, 20, 20], seed: 18), w = testValues([6, 4, 3, 3], seed: 19), b = testValues([6], seed: 20)
        func compute() -> [[Float]] {
            let (input, weight, bias) = (x.requiringGradient(), w.requiringGradient(), b.requiringGradient())
            let convolved = Tensor.conv2d(input, weight, bias: bias, stride: (1, 2), padding: .same)
            let pooled = Tensor.maxPool2d(convolved, kernel: (2, 2))
            let averaged = Tensor.avgPool2d(convolved, kernel: (3, 3), stride: (1, 1), padding: .same)
            (pooled.sum() + (averaged * averaged).sum()).backward()
            return [convolved.scalars, pooled.scalars, averaged.scalars] + [input, weight, bias].map { $0.grad?.scalars ?? [] }
        }
        let results = computed(atThreadCounts: [1, 2], compute)
        let (single, threaded) = (results[0], results[1])
        #expect(single == threaded)
        #expect(single.allSatisfy { !$0.isEmpty })
    }

    /// With several threads, whole chunks run concurrently (5, 5 and 2 images here, on
    /// 2 and 3 threads), and the weight and bias gradients are summed per chunk group:
    /// outputs and gradients equal one thread's exactly, with and without a bias and an
    /// input gradient (each leaves its partial sums out).
    @Test(arguments: [(true, true), (false, true), (true, false), (false, false)])
    func concurrentChunksGiveTheOneThreadResult(withBias: Bool, inputGradient: Bool) {
        let x = testValues([12, 8, 16, 16], seed: 24), w = testValues([4, 8, 5, 5], seed: 25, in: -0.5...0.5), b = testValues([4], seed: 26)
        func compute() -> [[Float]] {
            let (input, weight, bias) = (inputGradient ? x.requiringGradient() : x, w.requiringGradient(), b.requiringGradient())
            let output = Tensor.conv2d(input, weight, bias: withBias ? bias : nil, padding: .same)
            (output * output).sum().backward()
            return [output.scalars] + [input, weight].map { $0.grad?.scalars ?? [] } + (withBias ? [bias.grad?.scalars ?? []] : [])
        }
        let results = computed(atThreadCounts: [1, 2, 3], compute)
        let single = results[0]
        for (threads, result) in zip([2, 3], results.dropFirst()) {
            #expect(result == single, "\(threads) threads")
        }
        #expect(single[1].isEmpty != inputGradient)
        #expect(single.enumerated().allSatisfy { $0.offset == 1 || !$0.element.isEmpty })
    }
}
