extension Tensor {
    /// The shape after reducing `axes` (sorted, resolved), keeping them as size 1.
    static func keptShape(_ shape: [Int], _ axes: [Int]) -> [Int] {
        var result = shape
        for axis in axes { result[axis] = 1 }
        return result
    }

    /// The shape after reducing `axes`, keeping or dropping them.
    static func reducedShape(_ shape: [Int], _ axes: [Int], keepDims: Bool) -> [Int] {
        keepDims ? keptShape(shape, axes) : shape.enumerated().filter { !axes.contains($0.offset) }.map(\.element)
    }

    /// Reduces the resolved `axes` with `op`, returning the keep-dims shape. Consecutive
    /// axes are reduced in one pass; others one axis at a time (all reductions here are
    /// associative).
    @inline(__always)
    func reduceRaw(_ axes: [Int], identity: Float, _ op: (SIMD8<Float>, SIMD8<Float>) -> SIMD8<Float>) -> Tensor {
        guard let first = axes.first, let last = axes.last else { return detached() }
        if last - first + 1 != axes.count {
            var current = self.detached()
            for axis in axes.reversed() { current = current.reduceRaw([axis], identity: identity, op) }
            return current
        }
        let outer = Shape.count(Array(shape[..<first]))
        let length = Shape.count(Array(shape[first...last]))
        let inner = Shape.count(Array(shape[(last + 1)...]))
        let result = Tensor.uninitialized(Tensor.keptShape(shape, axes))
        let input = data, output = result.data
        if length == 0 {
            output.update(repeating: identity, count: result.scalarCount)
            return result
        }
        if inner == 1 {
            Kernels.parallelChunks(outer, minimum: Swift.max(1, Kernels.parallelThreshold / Swift.max(length, 1)), alignment: 1) { range in
                for row in range {
                    let source = input + row &* length
                    var accumulator = SIMD8<Float>(repeating: identity)
                    var index = 0
                    while index &+ 8 <= length {
                        accumulator = op(accumulator, Elementwise.load(source + index))
                        index &+= 8
                    }
                    if index < length { accumulator = op(accumulator, Elementwise.loadPartial(source + index, length &- index, fill: identity)) }
                    var lanes = accumulator
                    lanes = op(lanes, SIMD8(lowHalf: lanes.highHalf, highHalf: lanes.lowHalf))
                    let quarter = SIMD8<Float>(lanes[2], lanes[3], lanes[0], lanes[1], lanes[6], lanes[7], lanes[4], lanes[5])
                    lanes = op(lanes, quarter)
                    let pair = SIMD8<Float>(lanes[1], lanes[0], lanes[3], lanes[2], lanes[5], lanes[4], lanes[7], lanes[6])
                    output[row] = op(lanes, pair)[0]
                }
            }
            return result
        }
        Kernels.parallelChunks(outer, minimum: Swift.max(1, Kernels.parallelThreshold / Swift.max(length &* inner, 1)), alignment: 1) { range in
            for row in range {
                let target = output + row &* inner
                let source = input + row &* length &* inner
                target.update(from: source, count: inner)
                for step in 1..<length {
                    Elementwise.inner(target, 1, source + step &* inner, 1, target, inner, op)
                }
            }
        }
        return result
    }

    /// Sum over `axes` (negative axes count from the end).
    /// - Parameters:
    ///   - axes: The axes to reduce; empty returns the tensor unchanged.
    ///   - keepDims: Whether reduced axes stay as size 1.
    public func sum(alongAxes axes: [Int], keepDims: Bool = false) -> Tensor {
        let resolved = check { () throws(ShapeError) in try Shape.axes(axes, rank: rank, op: "sum") }
        let kept = reduceRaw(resolved, identity: 0) { $0 + $1 }
        let result = kept.reshaped(to: Tensor.reducedShape(shape, resolved, keepDims: keepDims))
        let inputShape = shape, keptShape = kept.shape
        return Tensor.recorded(result, op: "sum", inputs: self) { g in [g.reshaped(to: keptShape).expanded(to: inputShape)] }
    }

    /// Sum of all elements (a scalar).
    public func sum() -> Tensor { sum(alongAxes: Array(0..<rank)) }

    /// Mean over `axes` (sum divided by the number of reduced elements).
    public func mean(alongAxes axes: [Int], keepDims: Bool = false) -> Tensor {
        let resolved = check { () throws(ShapeError) in try Shape.axes(axes, rank: rank, op: "mean") }
        let count = resolved.reduce(1) { $0 * shape[$1] }
        return sum(alongAxes: resolved, keepDims: keepDims) / Float(count)
    }

    /// Mean of all elements (a scalar).
    public func mean() -> Tensor { mean(alongAxes: Array(0..<rank)) }

    /// Population variance (divides by n) over `axes`.
    public func variance(alongAxes axes: [Int], keepDims: Bool = false) -> Tensor {
        let resolved = check { () throws(ShapeError) in try Shape.axes(axes, rank: rank, op: "variance") }
        let centered = self - mean(alongAxes: resolved, keepDims: true)
        return (centered * centered).mean(alongAxes: resolved, keepDims: keepDims)
    }

    /// Maximum over `axes` (-inf for an empty axis). The gradient is shared equally by tied maxima.
    public func max(alongAxes axes: [Int], keepDims: Bool = false) -> Tensor {
        extremum(axes, keepDims: keepDims, op: "max", identity: -.infinity) { SIMDMath.max($0, $1) }
    }

    /// Maximum of all elements.
    public func max() -> Tensor { max(alongAxes: Array(0..<rank)) }

    /// Minimum over `axes` (+inf for an empty axis). The gradient is shared equally by tied minima.
    public func min(alongAxes axes: [Int], keepDims: Bool = false) -> Tensor {
        extremum(axes, keepDims: keepDims, op: "min", identity: .infinity) { SIMDMath.min($0, $1) }
    }

    /// Minimum of all elements.
    public func min() -> Tensor { min(alongAxes: Array(0..<rank)) }

    private func extremum(_ axes: [Int], keepDims: Bool, op name: String, identity: Float,
                          _ op: (SIMD8<Float>, SIMD8<Float>) -> SIMD8<Float>) -> Tensor {
        let resolved = check { () throws(ShapeError) in try Shape.axes(axes, rank: rank, op: name) }
        let kept = reduceRaw(resolved, identity: identity, op)
        let result = kept.reshaped(to: Tensor.reducedShape(shape, resolved, keepDims: keepDims))
        return Tensor.recorded(result, op: name, inputs: self) { g in
            let mask = self .== kept
            let count = mask.reduceRaw(resolved, identity: 0) { $0 + $1 }
            return [mask * (g.reshaped(to: kept.shape) / count)]
        }
    }
}
