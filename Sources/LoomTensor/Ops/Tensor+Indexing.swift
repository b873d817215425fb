extension Tensor {
    /// Slices along `axis` at each index (NumPy `take`): the result shape is
    /// `shape[..<axis] + indices.shape + shape[(axis+1)...]`. Used for embeddings.
    public func gathering(_ indices: IndexTensor, alongAxis axis: Int = 0) -> Tensor {
        let resolved = check { () throws(ShapeError) in try Shape.axis(axis, rank: rank, op: "gather") }
        let size = shape[resolved]
        for index in indices.indices where index < 0 || index >= size {
            preconditionFailure("gather: index \(index) is out of range 0..<\(size) for axis \(resolved) of \(shape)")
        }
        let outer = Shape.count(Array(shape[..<resolved]))
        let inner = Shape.count(Array(shape[(resolved + 1)...]))
        let newShape = Array(shape[..<resolved]) + indices.shape + Array(shape[(resolved + 1)...])
        let result = Tensor.uninitialized(newShape)
        let count = indices.indices.count
        for row in 0..<outer {
            for (position, index) in indices.indices.enumerated() {
                (result.data + (row * count + position) * inner).update(from: data + (row * size + index) * inner, count: inner)
            }
        }
        let inputShape = shape
        return Tensor.recorded(result, op: "gather", inputs: self) { g in
            let gradient = Tensor(zeros: inputShape)
            for row in 0..<outer {
                for (position, index) in indices.indices.enumerated() {
                    let target = gradient.data + (row * size + index) * inner
                    let source = g.data + (row * count + position) * inner
                    for element in 0..<inner { target[element] += source[element] }
                }
            }
            return [gradient]
        }
    }

    /// Picks one element per position along `axis` (NumPy `take_along_axis`, PyTorch
    /// `gather`): `indices` has this tensor's rank and shape except along `axis`, and so does
    /// the result. E.g. logits `[N, C]` with labels `[N, 1]` along axis 1 give `[N, 1]`.
    public func taking(_ indices: IndexTensor, alongAxis axis: Int) -> Tensor {
        let resolved = check { () throws(ShapeError) -> Int in
            let resolved = try Shape.axis(axis, rank: rank, op: "takeAlongAxis")
            var expected = shape
            expected[resolved] = indices.shape.count == rank ? indices.shape[resolved] : -1
            guard indices.shape == expected else {
                throw ShapeError(op: "takeAlongAxis", "indices \(indices.shape) do not match \(shape) outside axis \(resolved)")
            }
            return resolved
        }
        let size = shape[resolved], picked = indices.shape[resolved]
        let outer = Shape.count(Array(shape[..<resolved]))
        let inner = Shape.count(Array(shape[(resolved + 1)...]))
        let result = Tensor.uninitialized(indices.shape)
        @Sendable func offset(_ position: Int) -> Int {
            let index = indices.indices[position]
            precondition(index >= 0 && index < size, "takeAlongAxis: index \(index) is out of range 0..<\(size) for axis \(resolved) of \(shape)")
            let row = position / (picked * inner), element = position % inner
            return (row * size + index) * inner + element
        }
        for position in 0..<result.scalarCount { result.data[position] = data[offset(position)] }
        _ = outer
        let inputShape = shape
        return Tensor.recorded(result, op: "takeAlongAxis", inputs: self) { g in
            let gradient = Tensor(zeros: inputShape)
            for position in 0..<g.scalarCount { gradient.data[offset(position)] += g.data[position] }
            return [gradient]
        }
    }

    /// One-hot encoding: shape `indices.shape + [depth]`, 1 at each index, 0 elsewhere.
    public init(oneHot indices: IndexTensor, depth: Int) {
        self.init(zeros: indices.shape + [depth])
        for (position, index) in indices.indices.enumerated() {
            precondition(index >= 0 && index < depth, "oneHot: index \(index) is out of range 0..<\(depth)")
            data[position * depth + index] = 1
        }
    }

    /// The index of the largest element along `axis` (the first on ties); NaN is ignored
    /// unless the whole slice is NaN.
    public func argmax(alongAxis axis: Int = -1) -> IndexTensor {
        let resolved = check { () throws(ShapeError) in try Shape.axis(axis, rank: rank, op: "argmax") }
        let (values, indices) = sortedIndices(resolved, k: 1, op: "argmax")
        _ = values
        return IndexTensor(shape: Tensor.reducedShape(shape, [resolved], keepDims: false), indices: indices)
    }

    /// The indices of the `k` largest elements along `axis`, largest first (ties: lower
    /// index first); the result has `k` in place of that axis.
    public func topK(_ k: Int, alongAxis axis: Int = -1) -> IndexTensor {
        let resolved = check { () throws(ShapeError) in try Shape.axis(axis, rank: rank, op: "topK") }
        precondition(k >= 0 && k <= shape[resolved], "topK: k = \(k) is outside 0...\(shape[resolved]) for axis \(resolved) of \(shape)")
        var newShape = shape
        newShape[resolved] = k
        return IndexTensor(shape: newShape, indices: sortedIndices(resolved, k: k, op: "topK").1)
    }

    /// Up to this `k`, ``topK(_:alongAxis:)`` keeps the best in order by insertion
    /// (O(size·k)) instead of sorting each slice.
    private static let insertionTopKLimit = 16

    private func sortedIndices(_ axis: Int, k: Int, op: String) -> ([Float], [Int]) {
        let size = shape[axis]
        precondition(size > 0 || k == 0, "\(op): axis \(axis) of \(shape) is empty")
        let outer = Shape.count(Array(shape[..<axis]))
        let inner = Shape.count(Array(shape[(axis + 1)...]))
        var result = [Int](repeating: 0, count: outer * k * inner)
        var candidates = [Int](repeating: 0, count: size)
        for row in 0..<outer {
            for element in 0..<inner {
                let base = row * size * inner + element
                func value(_ index: Int) -> Float {
                    let x = data[base + index * inner]
                    return x.isNaN ? -.infinity : x
                }
                if k == 1 {
                    var best = 0
                    for index in 1..<Swift.max(size, 1) where value(index) > value(best) { best = index }
                    result[row * inner + element] = best
                    continue
                }
                if k == 0 { continue }
                if k <= Self.insertionTopKLimit {
                    // Keep the k best seen so far in order; a later index never passes an equal value.
                    var kept = 0
                    for index in 0..<size {
                        let x = value(index)
                        if kept == k, x <= value(candidates[k - 1]) { continue }
                        var position = Swift.min(kept, k - 1)
                        while position > 0, value(candidates[position - 1]) < x {
                            candidates[position] = candidates[position - 1]
                            position -= 1
                        }
                        candidates[position] = index
                        kept = Swift.min(kept + 1, k)
                    }
                } else {
                    for index in 0..<size { candidates[index] = index }
                    candidates.sort { value($0) > value($1) || (value($0) == value($1) && $0 < $1) }
                }
                for rank in 0..<k { result[(row * k + rank) * inner + element] = candidates[rank] }
            }
        }
        return ([], result)
    }
}
