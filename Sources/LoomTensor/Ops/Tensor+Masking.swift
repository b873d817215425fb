extension Tensor {
    /// Replaces the elements where `mask` is non-zero with `value` (PyTorch `masked_fill`).
    ///
    /// `mask` broadcasts to this tensor's shape (e.g. a `[T, T]` causal mask over
    /// `[N, heads, T, T]` attention scores); the result has this tensor's shape. `value` may
    /// be `-.infinity`, which a following ``softmax(alongAxis:)`` turns into exact zeros as
    /// long as each slice keeps at least one finite element.
    ///
    /// Gradient: passed through where the mask is zero, exactly 0 where it replaced a value
    /// (the mask itself gets none).
    /// - Parameters:
    ///   - mask: 0 (keep) or non-zero (replace), broadcastable to `shape`.
    ///   - value: The replacement.
    /// - Returns: The masked tensor.
    public func filling(where mask: Tensor, with value: Float) -> Tensor {
        let resultShape = check { () throws(ShapeError) -> [Int] in
            let broadcast = try Shape.broadcast(shape, mask.shape, op: "filling")
            guard broadcast == shape else {
                throw ShapeError(op: "filling", "mask \(mask.shape) does not broadcast to the input shape \(shape)")
            }
            return broadcast
        }
        let fill = SIMD8<Float>(repeating: value)
        let result = Tensor.broadcastBinary(self, mask, op: "filling") { x, m in x.replacing(with: fill, where: m .!= 0) }
        assert(result.shape == resultShape)
        let keep = mask.detached()
        return Tensor.recorded(result, op: "filling", inputs: self) { g in
            [Tensor.broadcastBinary(g, keep, op: "filling") { gv, m in gv.replacing(with: 0, where: m .!= 0) }]
        }
    }
}
