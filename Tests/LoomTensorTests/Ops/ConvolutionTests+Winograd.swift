@testable import LoomTensor
import LoomTensorTestSupport
import Testing

/// The Winograd path of conv2d (stride 1, 3×3 and 5×5 kernels, at least 8 input and output
/// channels, outputs large enough) against direct summation: partial edge tiles, channel counts that are not multiples
/// of 8, every kind of padding, bias, several chunks, gradients and thread counts.
extension ConvolutionTests {
    static let winogradCases: [Case] = [
        Case(input: [2, 8, 9, 11], weight: [9, 8, 3, 3], stride: (1, 1), padding: .valid),
        Case(input: [3, 9, 12, 12], weight: [10, 9, 5, 5], stride: (1, 1), padding: .valid),
        Case(input: [2, 16, 7, 7], weight: [8, 16, 5, 5], stride: (1, 1), padding: .same),
        Case(input: [1, 8, 6, 5], weight: [8, 8, 3, 3], stride: (1, 1), padding: .explicit(top: 2, bottom: 0, left: 1, right: 3)),
        Case(input: [1, 12, 7, 6], weight: [17, 12, 3, 3], stride: (1, 1), padding: .symmetric(1, 1)),
        Case(input: [2, 8, 5, 6], weight: [8, 8, 5, 5], stride: (1, 1), padding: .symmetric(4, 4)),
    ]

    /// The tolerance of a Winograd result: the transforms round at most a few times more
    /// than direct summation, relative to the size of the terms (values up to 2, so each
    /// output sums C·r² terms of size up to 4).
    func winogradTolerance(_ c: Case) -> Float { 5e-7 * Float(c.weight[1] * c.weight[2] * c.weight[3]) * 4 }

    @Test(arguments: winogradCases)
    func winogradMatchesNaive(_ c: Case) throws {
        let x = testValues(c.input, seed: 31), w = testValues(c.weight, seed: 32), b = testValues([c.weight[0]], seed: 33)
        let g = try Tensor.convolutionGeometry(input: c.input, weight: c.weight, stride: c.stride, padding: c.padding)
        let direct = Tensor.uninitialized([g.batch, c.weight[0], g.outputHeight, g.outputWidth])
        #expect(WinogradConvolution.run(x.data, w.data, bias: b.data, g, outputs: c.weight[0], into: direct.data))
        let plane = g.outputHeight * g.outputWidth
        let expected = naiveConvolution(c, x, w).enumerated().map { $1 + b.scalars[$0 / plane % c.weight[0]] }
        let worst = zip(direct.scalars, expected).map { abs($0 - $1) }.max() ?? .infinity
        #expect(worst <= winogradTolerance(c), "largest difference \(worst)")
        #expect(Tensor.conv2d(x, w, bias: b, stride: c.stride, padding: c.padding).scalars == direct.scalars, "conv2d takes this path")
    }

    /// Stride 2, other kernel sizes, fewer than 8 input or output channels and outputs too
    /// small for the tiles to pay (a 2×2 output: one tile, 36 products against 36 for a 3×3
    /// kernel, 64 against 100 for a 5×5) stay on im2col + GEMM.
    @Test func winogradDeclinesOtherGeometries() throws {
        for (input, weight, stride) in [([1, 8, 9, 9], [8, 8, 3, 3], (2, 2)), ([1, 8, 9, 9], [8, 8, 4, 4], (1, 1)),
                                        ([1, 8, 9, 9], [8, 8, 3, 5], (1, 1)), ([1, 7, 9, 9], [8, 7, 3, 3], (1, 1)),
                                        ([1, 8, 9, 9], [7, 8, 3, 3], (1, 1)), ([1, 8, 4, 4], [8, 8, 3, 3], (1, 1)),
                                        ([1, 8, 6, 6], [8, 8, 5, 5], (1, 1))] {
            let g = try Tensor.convolutionGeometry(input: input, weight: weight, stride: stride, padding: .valid)
            var output = [Float](repeating: 7, count: 1024)
            #expect(try Tensor.conv2dShape(input: input, weight: weight, stride: stride).reduce(1, *) <= output.count)
            let taken = testValues(input).withUnsafeBufferPointer { x in
                testValues(weight).withUnsafeBufferPointer { w in
                    WinogradConvolution.run(x.baseAddress!, w.baseAddress!, bias: nil, g, outputs: weight[0], into: &output)
                }
            }
            #expect(!taken, "\(input) \(weight) stride \(stride)")
            #expect(output.allSatisfy { $0 == 7 })
        }
    }

    /// Gradients through Winograd forward passes and, with 8 output channels, Winograd
    /// input gradients (the weight gradient stays im2col + GEMM). conv2d is linear in each
    /// argument, so central differences are exact but for rounding at any step: a step of
    /// 0.25 keeps the rounding of Winograd's objective (its transforms round values ~10×
    /// larger than the outputs) well below the tolerance.
    @Test func winogradGradients() {
        let input = testValues([1, 8, 5, 4], seed: 34), bias = testValues([8], seed: 36)
        checkGradients([input, testValues([8, 8, 3, 3], seed: 35, in: -0.5...0.5), bias], step: 0.25) {
            Tensor.conv2d($0[0], $0[1], bias: $0[2], padding: .same)
        }
        checkGradients([input, testValues([8, 8, 5, 5], seed: 37, in: -0.5...0.5)], step: 0.25) {
            Tensor.conv2d($0[0], $0[1], padding: .symmetric(2, 1))
        }
    }

    /// The input gradient takes the transposed convolution's Winograd path exactly when
    /// there are 8 or more input and output channels, every padding is below the kernel
    /// size and the input is small enough against the output for the tiles to pay (not a
    /// 5×5 kernel's valid 3×2 output of a 7×6 input).
    @Test(arguments: [([2, 8, 7, 6], [8, 8, 3, 3], Padding2D.same, true), ([2, 8, 7, 6], [9, 8, 5, 5], .same, true),
                      ([2, 8, 7, 6], [8, 8, 5, 5], .explicit(top: 4, bottom: 0, left: 1, right: 4), true),
                      ([2, 8, 7, 6], [9, 8, 5, 5], .valid, false), ([2, 8, 7, 6], [7, 8, 3, 3], .same, false),
                      ([2, 7, 7, 6], [8, 7, 3, 3], .same, false), ([2, 8, 7, 6], [8, 8, 3, 3], .symmetric(3, 0), false)])
    func winogradInputGradient(input: [Int], weight: [Int], padding: Padding2D, taken: Bool) throws {
        let g = try Tensor.convolutionGeometry(input: input, weight: weight, stride: (1, 1), padding: padding)
        let x = testValues(input, seed: 43).requiringGradient(), w = testValues(weight, seed: 44)
        let output = Tensor.conv2d(x, w, padding: padding)
        let seed = testValues(output.shape, seed: 45)
        output.backward(seed: seed)
        let expected = try #require(x.grad)
        var computed = [Float](repeating: 7, count: expected.scalarCount)
        let done = seed.withUnsafeBufferPointer { dy in
            w.withUnsafeBufferPointer { w in
                WinogradConvolution.inputGradient(dy.baseAddress!, w.baseAddress!, g, outputs: weight[0], into: &computed)
            }
        }
        #expect(done == taken)
        #expect(done ? computed == expected.scalars : computed.allSatisfy { $0 == 7 }, "conv2d's pullback takes this path")
        if done {
            let naive = naiveInputGradient(input: input, weight: weight, g, seed.scalars, w.scalars)
            let worst = zip(computed, naive).map { abs($0 - $1) }.max() ?? .infinity
            #expect(worst <= 5e-7 * Float(weight[0] * weight[2] * weight[3]) * 4, "largest difference \(worst)")
        }
    }

    /// The weight gradient takes Winograd tiles exactly when the forward pass does, equals
    /// conv2d's pullback bit for bit, and matches direct summation.
    @Test(arguments: [([3, 8, 7, 6], [8, 8, 3, 3], Padding2D.same, true), ([2, 9, 12, 12], [10, 9, 5, 5], .valid, true),
                      ([2, 8, 5, 6], [8, 8, 5, 5], .explicit(top: 4, bottom: 0, left: 1, right: 3), true),
                      ([2, 8, 7, 6], [7, 8, 3, 3], .same, false), ([2, 8, 6, 6], [8, 8, 5, 5], .valid, false)])
    func winogradWeightGradient(input: [Int], weight: [Int], padding: Padding2D, taken: Bool) throws {
        let g = try Tensor.convolutionGeometry(input: input, weight: weight, stride: (1, 1), padding: padding)
        let x = testValues(input, seed: 46), w = testValues(weight, seed: 47).requiringGradient()
        let output = Tensor.conv2d(x, w, padding: padding)
        let seed = testValues(output.shape, seed: 48)
        output.backward(seed: seed)
        let expected = try #require(w.grad)
        var computed = [Float](repeating: 7, count: expected.scalarCount)
        let done = x.withUnsafeBufferPointer { x in
            seed.withUnsafeBufferPointer { dy in
                WinogradConvolution.weightGradient(x.baseAddress!, dy.baseAddress!, g, outputs: weight[0], into: &computed)
            }
        }
        #expect(done == taken)
        #expect(done ? computed == expected.scalars : computed.allSatisfy { $0 == 7 }, "conv2d's pullback takes this path")
        if done {
            let naive = naiveWeightGradient(input: input, weight: weight, g, x.scalars, seed.scalars)
            let worst = zip(computed, naive).map { abs($0 - $1) }.max() ?? .infinity
            // Each weight sums N·OH·OW products of size up to 4. The transforms scale what
            // they round by up to ~10² (Bᵀ's 21/4, A's 8, Gᵀ over 8 rows): the worst seen is
            // 2e-6 per product, a wrong transform is off by O(1).
            let terms = input[0] * g.outputHeight * g.outputWidth
            #expect(worst <= 1e-5 * Float(terms), "largest difference \(worst)")
        }
    }

    /// ∂L/∂w by direct summation: each weight sums its input times the output gradient over
    /// the images and output positions.
    func naiveWeightGradient(input: [Int], weight: [Int], _ g: WindowGeometry, _ x: [Float], _ dy: [Float]) -> [Float] {
        var dw = [Float](repeating: 0, count: weight.reduce(1, *))
        let (channels, height, width, r) = (input[1], input[2], input[3], weight[2])
        for o in 0..<weight[0] {
            for c in 0..<channels {
                for p in 0..<r {
                    for q in 0..<r {
                        var total: Float = 0
                        for n in 0..<input[0] {
                            for i in 0..<g.outputHeight {
                                for j in 0..<g.outputWidth {
                                    let y = i - g.top + p, z = j - g.left + q
                                    guard y >= 0, y < height, z >= 0, z < width else { continue }
                                    total += x[((n * channels + c) * height + y) * width + z]
                                        * dy[((n * weight[0] + o) * g.outputHeight + i) * g.outputWidth + j]
                                }
                            }
                        }
                        dw[((o * channels + c) * r + p) * r + q] = total
                    }
                }
            }
        }
        return dw
    }

    /// ∂L/∂x by direct summation: every output position adds its gradient times the kernel
    /// to the inputs of its window.
    func naiveInputGradient(input: [Int], weight: [Int], _ g: WindowGeometry, _ dy: [Float], _ w: [Float]) -> [Float] {
        var dx = [Float](repeating: 0, count: input.reduce(1, *))
        let (channels, height, width, r) = (input[1], input[2], input[3], weight[2])
        for n in 0..<input[0] {
            for o in 0..<weight[0] {
                for i in 0..<g.outputHeight {
                    for j in 0..<g.outputWidth {
                        let gradient = dy[((n * weight[0] + o) * g.outputHeight + i) * g.outputWidth + j]
                        for c in 0..<channels {
                            for p in 0..<r {
                                for q in 0..<r {
                                    let y = i - g.top + p, z = j - g.left + q
                                    guard y >= 0, y < height, z >= 0, z < width else { continue }
                                    dx[((n * channels + c) * height + y) * width + z] += gradient * w[((o * channels + c) * r + p) * r + q]
                                }
                            }
                        }
                    }
                }
            }
        }
        return dx
    }

    /// More images than one Winograd chunk (4 images each here: 4, 4, 2): on 1, 2 and 3
    /// threads (forward and input-gradient chunks run concurrently, and so do the weight
    /// gradient's three chunk groups) the outputs and all three gradients are the same, bit
    /// for bit; the outputs and input gradients also equal the images' one at a time.
    @Test func winogradChunksGiveTheOneThreadResult() throws {
        let input = [10, 8, 32, 32], weight = [8, 8, 5, 5]
        let g = try Tensor.convolutionGeometry(input: input, weight: weight, stride: (1, 1), padding: .same)
        let plan = WinogradPlan(WinogradF4x5.self, g, outputs: 8)
        #expect(WinogradConvolution.chunkFloats / (plan.tileElements * plan.tilesPerImage * 16) == 4)
        let x = testValues(input, seed: 38), w = testValues(weight, seed: 39), b = testValues([8], seed: 40)
        func run(_ images: Tensor) -> [[Float]] {
            let (images, weight, bias) = (images.requiringGradient(), w.requiringGradient(), b.requiringGradient())
            let output = Tensor.conv2d(images, weight, bias: bias, padding: .same)
            (output * output).sum().backward()
            return [output.scalars] + [images, weight, bias].map { $0.grad?.scalars ?? [] }
        }
        let results = computed(atThreadCounts: [1, 2, 3]) { run(x) }
        #expect(results[1] == results[0])
        #expect(results[2] == results[0])
        #expect(results[0].allSatisfy { !$0.isEmpty })
        let imageSize = 8 * 32 * 32
        let single = (0..<10).map { image in
            run(Tensor(shape: [1, 8, 32, 32], scalars: Array(x.scalars[image * imageSize..<(image + 1) * imageSize])))
        }
        #expect(results[0][0] == single.flatMap { $0[0] })
        #expect(results[0][1] == single.flatMap { $0[1] })
    }
}
