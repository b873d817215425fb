import LoomTensor
import LoomTensorTestSupport
import Testing

@Suite struct TensorTests {
    @Test func initialisersAndAccessors() {
        let t = Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])
        #expect(t.shape == [2, 3])
        #expect(t.rank == 2)
        #expect(t.scalarCount == 6)
        #expect(t[1, 2] == 6)
        #expect(Tensor(7).shape == [])
        #expect(Tensor(7).scalar == 7)
        #expect(Tensor(zeros: [2]).scalars == [0, 0])
        #expect(Tensor(ones: [1, 2]).scalars == [1, 1])
        #expect(Tensor(repeating: 3, shape: [3]).scalars == [3, 3, 3])
        #expect(Tensor(zeros: [0, 4]).scalarCount == 0)
    }

    @Test func validationMessages() {
        #expect(throws: ShapeError(op: "Tensor", "shape [2, 3] needs 6 values but 5 were given")) {
            try Tensor.validate(shape: [2, 3], count: 5)
        }
        #expect(throws: ShapeError(op: "matmul", "[2, 3] and [4, 5]: inner dimensions 3 and 4 differ")) {
            try Tensor.matmulShape([2, 3], [4, 5])
        }
        #expect(throws: ShapeError(op: "add", "[2, 3] and [4] cannot be broadcast (dimension 1: 3 vs 4)")) {
            try Tensor.broadcastShape([2, 3], [4], op: "add")
        }
        #expect(throws: ShapeError(op: "reshape", "[2, 3] to [4, -1]: 6 elements do not divide into 4")) {
            try Tensor.resolveReshape([2, 3], to: [4, -1])
        }
        #expect(throws: ShapeError(op: "concatenate", "[2, 3] and [2, 4] differ outside axis 0")) {
            try Tensor.concatenatedShape([[2, 3], [2, 4]], axis: 0)
        }
        #expect(ShapeError(op: "matmul", "x").description == "matmul: x")
    }

    @Test func copyOnWrite() {
        let original = Tensor([1, 2, 3])
        var copy = original
        copy += Tensor(10)
        #expect(original.scalars == [1, 2, 3])
        #expect(copy.scalars == [11, 12, 13])
        var other = original
        other.withUnsafeMutableBufferPointer { $0[0] = -1 }
        #expect(original.scalars == [1, 2, 3])
        #expect(other.scalars == [-1, 2, 3])
        let reshaped = original.reshaped(to: [3, 1])
        var mutated = reshaped
        mutated *= 2
        #expect(reshaped.scalars == [1, 2, 3])
        #expect(original.scalars == [1, 2, 3])
    }

    @Test func broadcastingEdgeCases() {
        let row = Tensor(shape: [1, 3], scalars: [1, 2, 3])
        let column = Tensor(shape: [2, 1], scalars: [10, 20])
        #expect((row + column).scalars == [11, 12, 13, 21, 22, 23])
        #expect((row + column).shape == [2, 3])
        #expect((Tensor(2) * Tensor(3)).shape == [])
        #expect((Tensor(2) * Tensor(3)).scalar == 6)
        #expect((row * 2).scalars == [2, 4, 6])
        #expect((1 - row).scalars == [0, -1, -2])
        let empty = Tensor(zeros: [0, 3]) + row
        #expect(empty.shape == [0, 3])
        let threeD = Tensor(shape: [2, 1, 2], scalars: [1, 2, 3, 4]) + Tensor(shape: [3, 1], scalars: [0, 10, 20])
        #expect(threeD.shape == [2, 3, 2])
        #expect(threeD.scalars == [1, 2, 11, 12, 21, 22, 3, 4, 13, 14, 23, 24])
        let channels = Tensor(zeros: [2, 3, 2, 2]) + Tensor(shape: [1, 3, 1, 1], scalars: [1, 2, 3])
        #expect(channels.scalars == [[Float]](repeating: [1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3], count: 2).flatMap { $0 })
        #expect((Tensor(shape: [3], scalars: [1, 5, 3]) .> Tensor(2)).scalars == [0, 1, 1])
        #expect(Tensor.maximum(Tensor([1, 5]), Tensor(3)).scalars == [3, 5])
        #expect(Tensor.minimum(Tensor([1, 5]), Tensor(3)).scalars == [1, 3])
        #expect(Tensor([-2, 0.5, 3]).clamped(to: 0...1).scalars == [0, 0.5, 1])
    }

    @Test func shapeOperations() {
        let t = Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])
        #expect(t.transposed().scalars == [1, 4, 2, 5, 3, 6])
        #expect(t.reshaped(to: [3, -1]).shape == [3, 2])
        #expect(t.unsqueezed(axis: 0).shape == [1, 2, 3])
        #expect(t.unsqueezed(axis: -1).shape == [2, 3, 1])
        #expect(t.unsqueezed(axis: 1).squeezed().shape == [2, 3])
        #expect(t.expanded(to: [2, 2, 3]).scalars == [1, 2, 3, 4, 5, 6, 1, 2, 3, 4, 5, 6])
        let cube = Tensor(shape: [2, 2, 2], scalars: [0, 1, 2, 3, 4, 5, 6, 7])
        #expect(cube.permuted([2, 0, 1]).scalars == [0, 2, 4, 6, 1, 3, 5, 7])
        #expect(Tensor.concatenate([t, t], alongAxis: 1).scalars == [1, 2, 3, 1, 2, 3, 4, 5, 6, 4, 5, 6])
        #expect(Tensor.stack([Tensor([1, 2]), Tensor([3, 4])], alongAxis: 1).scalars == [1, 3, 2, 4])
        #expect(t.slice([1..<2, 0..<2]).scalars == [4, 5])
        #expect(t.slice(alongAxis: 1, 1..<3).scalars == [2, 3, 5, 6])
        #expect(Tensor([1, 2]).padded([(before: 1, after: 2)], value: 9).scalars == [9, 1, 2, 9, 9])
        #expect(t.flattened(fromAxis: 0).shape == [6])
        #expect(t.gathering(IndexTensor([2, 0, 2]), alongAxis: 1).scalars == [3, 1, 3, 6, 4, 6])
        #expect(t.gathering(IndexTensor([1]), alongAxis: 0).scalars == [4, 5, 6])
        #expect(t.taking(IndexTensor(shape: [2, 1], indices: [2, 0]), alongAxis: 1).scalars == [3, 4])
        #expect(Tensor(oneHot: IndexTensor([2, 0]), depth: 3).scalars == [0, 0, 1, 1, 0, 0])
    }

    @Test func reductions() {
        let t = Tensor(shape: [2, 3], scalars: [1, 5, 3, 4, 2, 6])
        #expect(t.sum().scalar == 21)
        #expect(t.sum(alongAxes: [0]).scalars == [5, 7, 9])
        #expect(t.sum(alongAxes: [1], keepDims: true).shape == [2, 1])
        #expect(t.sum(alongAxes: [-1]).scalars == [9, 12])
        #expect(t.mean(alongAxes: [1]).scalars == [3, 4])
        #expect(t.max(alongAxes: [1]).scalars == [5, 6])
        #expect(t.min(alongAxes: [0]).scalars == [1, 2, 3])
        #expect(t.max().scalar == 6)
        #expect(close(t.variance(alongAxes: [1]).scalars, [8.0 / 3, 8.0 / 3]))
        #expect(t.argmax(alongAxis: 1) == IndexTensor([1, 2]))
        #expect(t.argmax(alongAxis: 0) == IndexTensor([1, 0, 1]))
        #expect(t.topK(2, alongAxis: 1) == IndexTensor(shape: [2, 2], indices: [1, 2, 2, 0]))
        let cube = Tensor(shape: [2, 2, 2], scalars: [0, 1, 2, 3, 4, 5, 6, 7])
        #expect(cube.sum(alongAxes: [0, 2]).scalars == [10, 18])
        #expect(cube.sum(alongAxes: [0, 2], keepDims: true).shape == [1, 2, 1])
        #expect(Tensor(zeros: [0, 3]).sum(alongAxes: [0]).scalars == [0, 0, 0])
        let long = Tensor((0..<37).map(Float.init))
        #expect(long.sum().scalar == 666)
        #expect(long.max().scalar == 36)
    }

    /// topK agrees with a full sort (largest first, lower index first on ties, NaN last)
    /// for every k, along both axes, on values with many ties and NaNs.
    @Test func topKMatchesAFullSort() {
        var state: UInt64 = 7
        let values: [Float] = (0..<(6 * 20)).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state % 17 == 0 ? .nan : Float((state >> 33) % 7)
        }
        let t = Tensor(shape: [6, 20], scalars: values)
        for axis in 0..<2 {
            let size = t.shape[axis], other = t.shape[1 - axis]
            for k in 0...size {
                var expected = [Int](repeating: 0, count: k * other)
                for slice in 0..<other {
                    let value = { (i: Int) -> Float in
                        let x = axis == 1 ? values[slice * 20 + i] : values[i * 20 + slice]
                        return x.isNaN ? -.infinity : x
                    }
                    let order = (0..<size).sorted { value($0) > value($1) || (value($0) == value($1) && $0 < $1) }
                    for rank in 0..<k { expected[axis == 1 ? slice * k + rank : rank * other + slice] = order[rank] }
                }
                let shape = axis == 1 ? [6, k] : [k, 20]
                #expect(t.topK(k, alongAxis: axis) == IndexTensor(shape: shape, indices: expected), "axis \(axis), k \(k)")
            }
        }
    }

    @Test func mathValues() {
        #expect(close(Tensor([0, 1, -1]).exp().scalars, [1, 2.7182817, 0.36787945], tolerance: 2e-7))
        #expect(Tensor([0]).log().scalars == [-.infinity])
        #expect(Tensor([4, 9]).sqrt().scalars == [2, 3])
        #expect(Tensor([4]).rsqrt().scalars == [0.5])
        #expect(Tensor([-2, 3]).abs().scalars == [2, 3])
        #expect(Tensor([2, 3]).pow(3).scalars == [8, 27])
        #expect(Tensor([-1, 2]).relu().scalars == [0, 2])
        #expect(Tensor([-1, 2]).leakyRelu(slope: 0.1).scalars == [-0.1, 2])
        #expect(close(Tensor([0, 100, -100]).sigmoid().scalars, [0.5, 1, 0]))
        #expect(close(Tensor([0, 0.3, -2, 20]).tanh().scalars, [0, 0.29131261, -0.96402758, 1], tolerance: 3e-7))
        #expect(close(Tensor([0, 1]).gelu().scalars, [0, 0.8411920]))
        #expect(close(Tensor([0, 100, -100]).softplus().scalars, [0.6931472, 100, 0]))
        let wide = Tensor((0..<1000).map { Float($0) / 50 - 10 })
        let reference = wide.scalars.map { Float(Foundation.exp(Double($0))) }
        #expect(close(wide.exp().scalars, reference, tolerance: 3e-7))
    }
}

import Foundation
