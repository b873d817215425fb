extension Tensor {
    /// The result shape of `matmul(a, b)`.
    ///
    /// Supported: `[m, k] · [k, n]`, `[..., m, k] · [k, n]` (the weight is shared by every
    /// batch), and `[..., m, k] · [..., k, n]` with identical batch dimensions.
    /// - Throws: `ShapeError`, e.g. `matmul: [2, 3] and [4, 5]: inner dimensions 3 and 4 differ`.
    public static func matmulShape(_ a: [Int], _ b: [Int]) throws(ShapeError) -> [Int] {
        guard a.count >= 2, b.count >= 2 else {
            throw ShapeError(op: "matmul", "\(a) and \(b): both operands need rank ≥ 2")
        }
        let k = a[a.count - 1], kb = b[b.count - 2]
        guard k == kb else { throw ShapeError(op: "matmul", "\(a) and \(b): inner dimensions \(k) and \(kb) differ") }
        if b.count > 2 {
            guard a.count == b.count, a.dropLast(2) == b.dropLast(2) else {
                throw ShapeError(op: "matmul", "\(a) and \(b): batch dimensions \(Array(a.dropLast(2))) and \(Array(b.dropLast(2))) differ")
            }
        }
        return Array(a.dropLast()) + [b[b.count - 1]]
    }

    /// Matrix product (2-D or batched; see ``matmulShape(_:_:)``), through BLAS when loaded.
    public static func matmul(_ a: Tensor, _ b: Tensor) -> Tensor {
        let shape = check { () throws(ShapeError) in try matmulShape(a.shape, b.shape) }
        let result = product(a, transposeA: false, b, transposeB: false, shape: shape)
        let needA = a.requiresGradient, needB = b.requiresGradient
        return recorded(result, op: "matmul", inputs: a, b) { g in
            [needA ? product(g, transposeA: false, b, transposeB: true, shape: a.shape) : nil,
             needB ? (b.rank == 2 && a.rank > 2
                ? product(a.reshaped(to: [-1, a.shape[a.rank - 1]]), transposeA: true, g.reshaped(to: [-1, g.shape[g.rank - 1]]), transposeB: false, shape: b.shape)
                : product(a, transposeA: true, g, transposeB: false, shape: b.shape)) : nil]
        }
    }

    /// Computes `op(a) · op(b)` into a new tensor of `shape`, per batch when `b` is batched.
    static func product(_ a: Tensor, transposeA: Bool, _ b: Tensor, transposeB: Bool, shape: [Int]) -> Tensor {
        let result = Tensor.uninitialized(shape)
        let m = shape[shape.count - 2], n = shape[shape.count - 1]
        let ka = transposeA ? a.shape[a.rank - 2] : a.shape[a.rank - 1]
        let lda = a.shape[a.rank - 1], ldb = b.shape[b.rank - 1]
        if b.rank == 2 && !transposeA {
            let rows = result.scalarCount / Swift.max(n, 1)
            Kernels.sgemm(transposeA: false, transposeB: transposeB, m: rows, n: n, k: ka, a: a.data, lda: lda,
                          b: b.data, ldb: ldb, c: result.data, ldc: n)
            return result
        }
        let batches = Shape.count(Array(shape.dropLast(2)))
        let strideA = a.rank == 2 ? 0 : a.shape[a.rank - 2] * a.shape[a.rank - 1]
        let strideB = b.rank == 2 ? 0 : b.shape[b.rank - 2] * b.shape[b.rank - 1]
        for batch in 0..<batches {
            Kernels.sgemm(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: ka,
                          a: a.data + batch * strideA, lda: lda, b: b.data + batch * strideB, ldb: ldb,
                          c: result.data + batch * m * n, ldc: n)
        }
        return result
    }
}
