extension Tensor {
    /// Resolves a reshape target (at most one `-1`, inferred).
    /// - Throws: `ShapeError` when the counts differ or more than one `-1` is given.
    public static func resolveReshape(_ shape: [Int], to target: [Int]) throws(ShapeError) -> [Int] {
        let count = Shape.count(shape)
        let inferred = target.indices.filter { target[$0] == -1 }
        guard inferred.count <= 1, target.allSatisfy({ $0 >= -1 }) else {
            throw ShapeError(op: "reshape", "\(shape) to \(target): at most one -1 and no other negative sizes")
        }
        var resolved = target
        if let axis = inferred.first {
            let known = target.filter { $0 != -1 }.reduce(1, *)
            guard known > 0, count % known == 0 else {
                throw ShapeError(op: "reshape", "\(shape) to \(target): \(count) elements do not divide into \(known)")
            }
            resolved[axis] = count / known
        }
        guard Shape.count(resolved) == count else {
            throw ShapeError(op: "reshape", "\(shape) to \(target): \(count) elements cannot take \(Shape.count(resolved))")
        }
        return resolved
    }

    /// The same elements with a new shape; one dimension may be `-1` (inferred).
    public func reshaped(to newShape: [Int]) -> Tensor {
        let resolved = check { () throws(ShapeError) in try Tensor.resolveReshape(shape, to: newShape) }
        if resolved == shape { return self }
        let inputShape = shape
        let result = Tensor(shape: resolved, storage: storage)
        return Tensor.recorded(result, op: "reshape", inputs: self) { g in [g.reshaped(to: inputShape)] }
    }

    /// Flattens all axes from `startAxis` on into one (e.g. `[N, C, H, W]` → `[N, C·H·W]`).
    public func flattened(fromAxis startAxis: Int = 1) -> Tensor {
        let axis = check { () throws(ShapeError) in try Shape.axis(startAxis, rank: rank, op: "flatten") }
        return reshaped(to: Array(shape[..<axis]) + [Shape.count(Array(shape[axis...]))])
    }

    /// Inserts a size-1 axis at `axis` (which may equal `rank`; negative counts from the end).
    public func unsqueezed(axis: Int) -> Tensor {
        let resolved = check { () throws(ShapeError) in try Shape.axis(axis, rank: rank + 1, op: "unsqueeze") }
        var newShape = shape
        newShape.insert(1, at: resolved)
        return reshaped(to: newShape)
    }

    /// Removes size-1 axes: the given ones, or all of them when `axes` is empty.
    public func squeezed(axes: [Int] = []) -> Tensor {
        let resolved = check { () throws(ShapeError) in try Shape.axes(axes, rank: rank, op: "squeeze") }
        for axis in resolved where shape[axis] != 1 {
            preconditionFailure("squeeze: axis \(axis) of \(shape) has size \(shape[axis]), not 1")
        }
        let drop = resolved.isEmpty ? shape.indices.filter { shape[$0] == 1 } : resolved
        return reshaped(to: shape.enumerated().filter { !drop.contains($0.offset) }.map(\.element))
    }

    /// This tensor broadcast to `newShape` (NumPy rules), materialised.
    public func expanded(to newShape: [Int]) -> Tensor {
        if newShape == shape { return self }
        let target = check { () throws(ShapeError) -> [Int] in
            let broadcast = try Shape.broadcast(shape, newShape, op: "expand")
            guard broadcast == newShape else { throw ShapeError(op: "expand", "\(shape) cannot be broadcast to \(newShape)") }
            return broadcast
        }
        let result = Tensor.uninitialized(target)
        let zero = Tensor(0)
        Tensor.broadcastApply(data, shape, zero.data, [], into: result.data, shape: target) { x, _ in x }
        let inputShape = shape
        return Tensor.recorded(result, op: "expand", inputs: self) { g in [g.reduced(toShape: inputShape)] }
    }

    /// The axes reordered: result axis `i` is input axis `permutation[i]`.
    public func permuted(_ permutation: [Int]) -> Tensor {
        check { () throws(ShapeError) in
            guard permutation.sorted() == Array(0..<rank) else {
                throw ShapeError(op: "permute", "\(permutation) is not a permutation of the axes of \(shape)")
            }
        }
        if permutation == Array(0..<rank) { return self }
        let newShape = permutation.map { shape[$0] }
        let inputStrides = Shape.strides(shape)
        let result = Tensor.uninitialized(newShape)
        Tensor.stridedCopy(from: data, strides: permutation.map { inputStrides[$0] }, shape: newShape, to: result.data)
        var inverse = [Int](repeating: 0, count: rank)
        for (index, axis) in permutation.enumerated() { inverse[axis] = index }
        let inversePermutation = inverse
        return Tensor.recorded(result, op: "permute", inputs: self) { g in [g.permuted(inversePermutation)] }
    }

    /// The last two axes swapped (the matrix transpose for rank 2).
    public func transposed() -> Tensor {
        precondition(rank >= 2, "transpose: needs rank ≥ 2, got \(shape)")
        var permutation = Array(0..<rank)
        permutation.swapAt(rank - 1, rank - 2)
        return permuted(permutation)
    }

    /// Copies a strided view (element strides per output axis) into contiguous `output`.
    static func stridedCopy(from input: UnsafePointer<Float>, strides: [Int], shape: [Int], to output: UnsafeMutablePointer<Float>) {
        let total = Shape.count(shape)
        guard total > 0 else { return }
        guard let inner = shape.last, let innerStride = strides.last else {
            output[0] = input[0]
            return
        }
        let outerRank = shape.count - 1
        var counter = [Int](repeating: 0, count: outerRank)
        var offset = 0, written = 0
        while written < total {
            if innerStride == 1 {
                (output + written).update(from: input + offset, count: inner)
            } else {
                var source = offset
                for index in 0..<inner {
                    output[written &+ index] = input[source]
                    source &+= innerStride
                }
            }
            written &+= inner
            var axis = outerRank - 1
            while axis >= 0 {
                counter[axis] &+= 1
                offset &+= strides[axis]
                if counter[axis] < shape[axis] { break }
                offset &-= strides[axis] &* shape[axis]
                counter[axis] = 0
                axis -= 1
            }
        }
    }
}
