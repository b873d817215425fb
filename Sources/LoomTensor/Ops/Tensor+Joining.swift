extension Tensor {
    /// Checks that tensors can be concatenated along `axis` and returns the result shape.
    /// - Throws: `ShapeError` naming the first mismatching shapes.
    public static func concatenatedShape(_ shapes: [[Int]], axis: Int) throws(ShapeError) -> [Int] {
        guard let first = shapes.first else { throw ShapeError(op: "concatenate", "no tensors given") }
        let resolved = try Shape.axis(axis, rank: first.count, op: "concatenate")
        var result = first
        result[resolved] = 0
        for shape in shapes {
            var other = shape
            guard other.count == first.count else {
                throw ShapeError(op: "concatenate", "\(first) and \(shape) have different ranks")
            }
            result[resolved] += shape[resolved]
            other[resolved] = first[resolved]
            guard other == first else {
                throw ShapeError(op: "concatenate", "\(first) and \(shape) differ outside axis \(resolved)")
            }
        }
        return result
    }

    /// Joins tensors along an existing axis.
    /// - Parameters:
    ///   - tensors: At least one tensor; all shapes equal except along `axis`.
    ///   - axis: The axis to join along (negative counts from the end).
    public static func concatenate(_ tensors: [Tensor], alongAxis axis: Int = 0) -> Tensor {
        let shape = check { () throws(ShapeError) in try concatenatedShape(tensors.map(\.shape), axis: axis) }
        let resolved = axis < 0 ? axis + shape.count : axis
        let outer = Shape.count(Array(shape[..<resolved]))
        let inner = Shape.count(Array(shape[(resolved + 1)...]))
        let result = Tensor.uninitialized(shape)
        let rowLength = shape[resolved] * inner
        var column = 0
        for tensor in tensors {
            let chunk = tensor.shape[resolved] * inner
            for row in 0..<outer {
                (result.data + row * rowLength + column).update(from: tensor.data + row * chunk, count: chunk)
            }
            column += chunk
        }
        guard let parents = recordingParents(tensors), !parents.isEmpty else { return result }
        let sizes = tensors.map { $0.shape[resolved] }
        var output = result
        output.node = GraphNode(op: "concatenate", parents: parents) { g in
            var start = 0
            return sizes.map { size in
                defer { start += size }
                return g.slice(alongAxis: resolved, start..<(start + size))
            }
        }
        return output
    }

    /// The parents' nodes for an array of inputs (see `recordingParents(_:)`).
    static func recordingParents(_ inputs: [Tensor]) -> [GraphNode?]? {
        guard inputs.contains(where: { $0.node != nil }), !GradientRecording.isDisabled else { return nil }
        return inputs.map(\.node)
    }

    /// Joins tensors of equal shape along a new axis.
    public static func stack(_ tensors: [Tensor], alongAxis axis: Int = 0) -> Tensor {
        precondition(!tensors.isEmpty, "stack: no tensors given")
        return concatenate(tensors.map { $0.unsqueezed(axis: axis) }, alongAxis: axis)
    }

    /// The elements within `ranges`, one per leading axis (missing trailing axes are kept whole).
    public func slice(_ ranges: [Range<Int>]) -> Tensor {
        check { () throws(ShapeError) in
            guard ranges.count <= rank else { throw ShapeError(op: "slice", "\(ranges.count) ranges for shape \(shape)") }
            for (axis, range) in ranges.enumerated() where range.lowerBound < 0 || range.upperBound > shape[axis] {
                throw ShapeError(op: "slice", "range \(range) is outside axis \(axis) of \(shape)")
            }
        }
        let full = ranges + shape[ranges.count...].map { 0..<$0 }
        let newShape = full.map(\.count)
        if newShape == shape { return self }
        let strides = Shape.strides(shape)
        let offset = zip(full, strides).reduce(0) { $0 + $1.0.lowerBound * $1.1 }
        let result = Tensor.uninitialized(newShape)
        Tensor.stridedCopy(from: data + offset, strides: strides, shape: newShape, to: result.data)
        let inputShape = shape
        return Tensor.recorded(result, op: "slice", inputs: self) { g in
            [g.padded(zip(full, inputShape).map { (before: $0.lowerBound, after: $1 - $0.upperBound) })]
        }
    }

    /// The elements within `range` along one axis.
    public func slice(alongAxis axis: Int, _ range: Range<Int>) -> Tensor {
        let resolved = check { () throws(ShapeError) in try Shape.axis(axis, rank: rank, op: "slice") }
        return slice((0..<rank).map { $0 == resolved ? range : 0..<shape[$0] })
    }

    /// Pads with a constant: `padding[i] = (before, after)` elements on axis `i`; missing
    /// trailing axes are not padded.
    public func padded(_ padding: [(before: Int, after: Int)], value: Float = 0) -> Tensor {
        precondition(padding.count <= rank, "pad: \(padding.count) paddings for shape \(shape)")
        precondition(padding.allSatisfy { $0.before >= 0 && $0.after >= 0 }, "pad: negative padding \(padding) for shape \(shape)")
        let full = padding.map { ($0.before, $0.after) } + [(Int, Int)](repeating: (0, 0), count: rank - padding.count)
        let newShape = zip(shape, full).map { $0 + $1.0 + $1.1 }
        let result = Tensor(repeating: value, shape: newShape)
        let strides = Shape.strides(newShape)
        let offset = zip(full, strides).reduce(0) { $0 + $1.0.0 * $1.1 }
        Tensor.stridedScatter(from: data, shape: shape, to: result.data + offset, strides: strides)
        let inputShape = shape
        return Tensor.recorded(result, op: "pad", inputs: self) { g in
            [g.slice(zip(full, inputShape).map { $0.0..<($0.0 + $1) })]
        }
    }

    /// Copies contiguous `input` of `shape` into a strided region of `output`.
    static func stridedScatter(from input: UnsafePointer<Float>, shape: [Int], to output: UnsafeMutablePointer<Float>, strides: [Int]) {
        let total = Shape.count(shape)
        guard total > 0 else { return }
        guard let inner = shape.last else {
            output[0] = input[0]
            return
        }
        let outerRank = shape.count - 1
        var counter = [Int](repeating: 0, count: outerRank)
        var offset = 0, read = 0
        while read < total {
            (output + offset).update(from: input + read, count: inner)
            read &+= inner
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
