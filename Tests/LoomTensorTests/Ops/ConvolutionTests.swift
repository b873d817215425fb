import LoomTensor
import LoomTensorTestSupport
import Testing

/// conv2d and pooling against naive loops.
@Suite struct ConvolutionTests {
    struct Case: Sendable, CustomStringConvertible {
        var input: [Int], weight: [Int], stride: (Int, Int), padding: Padding2D
        var description: String { "\(input) \(weight) stride \(stride) \(padding)" }
    }

    static let cases: [Case] = [
        Case(input: [2, 3, 7, 7], weight: [4, 3, 3, 3], stride: (1, 1), padding: .valid),
        Case(input: [1, 2, 8, 6], weight: [3, 2, 3, 2], stride: (2, 1), padding: .same),
        Case(input: [2, 1, 5, 5], weight: [2, 1, 5, 5], stride: (1, 1), padding: .symmetric(2, 2)),
        Case(input: [1, 2, 9, 9], weight: [2, 2, 4, 4], stride: (3, 2), padding: .explicit(top: 0, bottom: 1, left: 2, right: 1)),
        Case(input: [1, 1, 4, 4], weight: [1, 1, 2, 2], stride: (2, 2), padding: .same),
    ]

    /// Top/left padding used by the naive reference.
    func offsets(_ c: Case) -> (Int, Int, Int, Int) {
        let (h, w, kh, kw) = (c.input[2], c.input[3], c.weight[2], c.weight[3])
        switch c.padding {
        case .valid: return (0, 0, (h - kh) / c.stride.0 + 1, (w - kw) / c.stride.1 + 1)
        case let .explicit(top, bottom, left, right):
            return (top, left, (h + top + bottom - kh) / c.stride.0 + 1, (w + left + right - kw) / c.stride.1 + 1)
        case .same:
            let oh = (h + c.stride.0 - 1) / c.stride.0, ow = (w + c.stride.1 - 1) / c.stride.1
            return (max((oh - 1) * c.stride.0 + kh - h, 0) / 2, max((ow - 1) * c.stride.1 + kw - w, 0) / 2, oh, ow)
        }
    }

    /// The convolution of `x` with `w` by direct summation, NCHW.
    func naiveConvolution(_ c: Case, _ x: Tensor, _ w: Tensor) -> [Float] {
        let (top, left, oh, ow) = offsets(c)
        var expected: [Float] = []
        for n in 0..<c.input[0] {
            for o in 0..<c.weight[0] {
                for i in 0..<oh {
                    for j in 0..<ow {
                        var total: Float = 0
                        for ch in 0..<c.input[1] {
                            for p in 0..<c.weight[2] {
                                for q in 0..<c.weight[3] {
                                    let y = i * c.stride.0 - top + p, z = j * c.stride.1 - left + q
                                    guard y >= 0, y < c.input[2], z >= 0, z < c.input[3] else { continue }
                                    total += x[n, ch, y, z] * w[o, ch, p, q]
                                }
                            }
                        }
                        expected.append(total)
                    }
                }
            }
        }
        return expected
    }

    @Test(arguments: cases)
    func convolutionMatchesNaive(_ c: Case) {
        let x = testValues(c.input, seed: 1), w = testValues(c.weight, seed: 2)
        let (_, _, oh, ow) = offsets(c)
        let result = Tensor.conv2d(x, w, stride: c.stride, padding: c.padding)
        #expect(result.shape == [c.input[0], c.weight[0], oh, ow])
        #expect(close(result.scalars, naiveConvolution(c, x, w), tolerance: 1e-5))
    }

    /// Each pooling window's in-bounds input positions (NCHW offsets), window by window.
    func naiveWindows(_ c: Case) -> [[Int]] {
        let (top, left, oh, ow) = offsets(c)
        var windows: [[Int]] = []
        for n in 0..<c.input[0] {
            for ch in 0..<c.input[1] {
                for i in 0..<oh {
                    for j in 0..<ow {
                        var positions: [Int] = []
                        for p in 0..<c.weight[2] {
                            for q in 0..<c.weight[3] {
                                let y = i * c.stride.0 - top + p, z = j * c.stride.1 - left + q
                                if y >= 0, y < c.input[2], z >= 0, z < c.input[3] {
                                    positions.append(((n * c.input[1] + ch) * c.input[2] + y) * c.input[3] + z)
                                }
                            }
                        }
                        windows.append(positions)
                    }
                }
            }
        }
        return windows
    }

    @Test(arguments: cases)
    func poolingMatchesNaive(_ c: Case) {
        let x = testValues(c.input, seed: 3)
        let kernel = (c.weight[2], c.weight[3])
        let maxResult = Tensor.maxPool2d(x, kernel: kernel, stride: c.stride, padding: c.padding)
        let avgResult = Tensor.avgPool2d(x, kernel: kernel, stride: c.stride, padding: c.padding)
        let values = x.scalars
        let windows = naiveWindows(c).map { $0.map { values[$0] } }
        #expect(maxResult.scalars == windows.map { $0.max() ?? -.infinity })
        #expect(close(avgResult.scalars, windows.map { $0.reduce(0, +) / Float(max($0.count, 1)) }, tolerance: 1e-6))
    }

    @Test func geometryErrorsNameTheShapes() throws {
        #expect(throws: ShapeError(op: "conv2d", "input [1, 3, 8, 8] and weight [2, 1, 3, 3]: input channels 3 and 1 differ")) {
            _ = try Tensor.conv2dShape(input: [1, 3, 8, 8], weight: [2, 1, 3, 3])
        }
        #expect(throws: ShapeError(op: "conv2d", "input [1, 1, 2, 2] and weight [1, 1, 3, 3]: window 3x3 is larger than the padded input 2x2")) {
            _ = try Tensor.conv2dShape(input: [1, 1, 2, 2], weight: [1, 1, 3, 3])
        }
        #expect(try Tensor.conv2dShape(input: [64, 1, 28, 28], weight: [32, 1, 5, 5]) == [64, 32, 24, 24])
    }
}
