extension Tensor {
    /// The result shape of `matmul(a, b, transposeA:transposeB:)`: `op(a) · op(b)` where `op`
    /// swaps the last two axes when asked. Both operands have rank 2, or the same rank with
    /// identical batch dimensions.
    /// - Throws: `ShapeError`, e.g. `matmul: [2, 3]ᵀ and [4, 5]: inner dimensions 2 and 4 differ`.
    public static func matmulShape(_ a: [Int], _ b: [Int], transposeA: Bool, transposeB: Bool) throws(ShapeError) -> [Int] {
        guard a.count >= 2, b.count == a.count, a.dropLast(2) == b.dropLast(2) else {
            throw ShapeError(op: "matmul", "\(a) and \(b): transposed operands need the same rank ≥ 2 and batch dimensions")
        }
        func swapped(_ shape: [Int], _ swap: Bool) -> [Int] {
            swap ? Array(shape.dropLast(2)) + [shape[shape.count - 1], shape[shape.count - 2]] : shape
        }
        let left = swapped(a, transposeA), right = swapped(b, transposeB)
        let k = left[left.count - 1], kb = right[right.count - 2]
        guard k == kb else {
            throw ShapeError(op: "matmul", "\(a)\(transposeA ? "ᵀ" : "") and \(b)\(transposeB ? "ᵀ" : ""): inner dimensions \(k) and \(kb) differ")
        }
        return Array(left.dropLast()) + [right[right.count - 1]]
    }

    /// Matrix product of optionally transposed operands, `op(a) · op(b)`, per batch (e.g.
    /// attention scores `Q · Kᵀ` with `transposeB: true`), without materialising a transpose.
    /// - Parameters:
    ///   - a: `[..., m, k]`, or `[..., k, m]` when `transposeA`.
    ///   - b: `[..., k, n]`, or `[..., n, k]` when `transposeB`; same batch dimensions as `a`.
    ///   - transposeA: Whether to use `a`'s transpose (last two axes).
    ///   - transposeB: Whether to use `b`'s transpose.
    /// - Returns: `[..., m, n]`.
    public static func matmul(_ a: Tensor, _ b: Tensor, transposeA: Bool, transposeB: Bool) -> Tensor {
        let shape = check { () throws(ShapeError) in try matmulShape(a.shape, b.shape, transposeA: transposeA, transposeB: transposeB) }
        let result = product(a, transposeA: transposeA, b, transposeB: transposeB, shape: shape)
        let needA = a.requiresGradient, needB = b.requiresGradient
        return recorded(result, op: "matmulTransposed", inputs: a, b) { g in
            // C = op(A)·op(B): d op(A) = g·op(B)ᵀ and d op(B) = op(A)ᵀ·g, transposed back where needed.
            [needA ? (transposeA ? product(b, transposeA: transposeB, g, transposeB: true, shape: a.shape)
                                 : product(g, transposeA: false, b, transposeB: !transposeB, shape: a.shape)) : nil,
             needB ? (transposeB ? product(g, transposeA: true, a, transposeB: transposeA, shape: b.shape)
                                 : product(a, transposeA: !transposeA, g, transposeB: false, shape: b.shape)) : nil]
        }
    }
}
