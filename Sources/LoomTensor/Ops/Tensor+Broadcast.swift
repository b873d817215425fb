extension Tensor {
    /// The start of the storage (internal kernel access).
    @inline(__always)
    var data: UnsafeMutablePointer<Float> { storage.pointer }

    /// The broadcast result shape of two tensors.
    /// - Throws: `ShapeError` naming both shapes, e.g. `add: [2, 3] and [4] cannot be broadcast …`.
    public static func broadcastShape(_ a: [Int], _ b: [Int], op: String = "broadcast") throws(ShapeError) -> [Int] {
        try Shape.broadcast(a, b, op: op)
    }

    /// Applies `op` with NumPy broadcasting and returns a new tensor.
    @inline(__always)
    static func broadcastBinary(_ a: Tensor, _ b: Tensor, op name: String, _ op: (SIMD8<Float>, SIMD8<Float>) -> SIMD8<Float>) -> Tensor {
        if a.shape == b.shape {
            let result = Tensor.uninitialized(a.shape)
            Elementwise.zip(a.data, b.data, result.data, a.scalarCount, op)
            return result
        }
        let shape = check { () throws(ShapeError) in try Shape.broadcast(a.shape, b.shape, op: name) }
        let result = Tensor.uninitialized(shape)
        broadcastApply(a.data, a.shape, b.data, b.shape, into: result.data, shape: shape, op)
        return result
    }

    /// The broadcast loop: `output` has `shape`; `a` and `b` broadcast to it. `output` may
    /// alias `a` when `a.shape == shape` (used by the in-place operators).
    @inline(__always)
    static func broadcastApply(_ a: UnsafePointer<Float>, _ shapeA: [Int], _ b: UnsafePointer<Float>, _ shapeB: [Int],
                               into output: UnsafeMutablePointer<Float>, shape: [Int], _ op: (SIMD8<Float>, SIMD8<Float>) -> SIMD8<Float>) {
        let total = Shape.count(shape)
        guard total > 0 else { return }
        let layout = broadcastLayout(shape, shapeA, shapeB)
        let inner = layout.dims[0]
        let innerA = layout.stridesA[0], innerB = layout.stridesB[0]
        let outerRank = layout.dims.count - 1
        if outerRank == 0 {
            Elementwise.inner(a, innerA, b, innerB, output, inner, op)
            return
        }
        var counter = [Int](repeating: 0, count: outerRank)
        var offsetA = 0, offsetB = 0, offsetOut = 0
        while offsetOut < total {
            Elementwise.inner(a + offsetA, innerA, b + offsetB, innerB, output + offsetOut, inner, op)
            offsetOut &+= inner
            var level = 0
            while level < outerRank {
                let dim = level + 1
                counter[level] &+= 1
                offsetA &+= layout.stridesA[dim]
                offsetB &+= layout.stridesB[dim]
                if counter[level] < layout.dims[dim] { break }
                offsetA &-= layout.stridesA[dim] &* layout.dims[dim]
                offsetB &-= layout.stridesB[dim] &* layout.dims[dim]
                counter[level] = 0
                level &+= 1
            }
        }
    }

    /// Dimensions (innermost first) and element strides of `a` and `b` in the output's
    /// coordinates, with size-1 dimensions dropped and mergeable neighbours merged.
    static func broadcastLayout(_ shape: [Int], _ shapeA: [Int], _ shapeB: [Int]) -> (dims: [Int], stridesA: [Int], stridesB: [Int]) {
        func paddedStrides(_ input: [Int]) -> [Int] {
            let padded = [Int](repeating: 1, count: shape.count - input.count) + input
            let strides = Shape.strides(padded)
            return zip(padded, strides).map { $0 == 1 ? 0 : $1 }
        }
        let fullA = paddedStrides(shapeA), fullB = paddedStrides(shapeB)
        var dims: [Int] = [], stridesA: [Int] = [], stridesB: [Int] = []
        for axis in stride(from: shape.count - 1, through: 0, by: -1) where shape[axis] != 1 {
            if let lastDim = dims.last, let lastA = stridesA.last, let lastB = stridesB.last,
               fullA[axis] == lastA * lastDim, fullB[axis] == lastB * lastDim {
                dims[dims.count - 1] = lastDim * shape[axis]
            } else {
                dims.append(shape[axis])
                stridesA.append(fullA[axis])
                stridesB.append(fullB[axis])
            }
        }
        if dims.isEmpty { return ([1], [0], [0]) }
        return (dims, stridesA, stridesB)
    }

    /// Applies `op` elementwise and returns a new tensor.
    @inline(__always)
    func mapSIMD(_ op: (SIMD8<Float>) -> SIMD8<Float>) -> Tensor {
        let result = Tensor.uninitialized(shape)
        Elementwise.map(data, result.data, scalarCount, op)
        return result
    }

    /// Applies a scalar function elementwise (for functions without a SIMD form).
    @inline(__always)
    func mapScalars(_ op: (Float) -> Float) -> Tensor {
        let result = Tensor.uninitialized(shape)
        let input = data, output = result.data
        Kernels.parallelChunks(scalarCount, minimum: 1 << 16) { range in
            for index in range { output[index] = op(input[index]) }
        }
        return result
    }

    /// Sums this gradient over the axes along which a tensor of `target` shape was broadcast.
    func reduced(toShape target: [Int]) -> Tensor {
        if shape == target { return self }
        let lead = rank - target.count
        var axes = Array(0..<lead)
        for axis in target.indices where target[axis] == 1 && shape[lead + axis] != 1 { axes.append(lead + axis) }
        return sum(alongAxes: axes).reshaped(to: target)
    }
}
