/// Which matrix-multiply implementation a GEMM call uses.
public enum GEMMKernel: Sendable, Equatable {
    /// BLAS when one was loaded, the portable kernel otherwise.
    case automatic
    /// The loaded BLAS (falls back to portable when none is loaded).
    case blas
    /// LoomTensor's own Swift kernel.
    case portable
}

extension Kernels {
    /// Whether a BLAS library was loaded (see ``KernelInfo``).
    public static var isBLASLoaded: Bool { BLASLibrary.shared != nil }

    /// Row-major single-precision GEMM: `C = alpha * op(A) * op(B) + beta * C`, where
    /// op(A) is `m×k`, op(B) is `k×n` and C is `m×n`.
    /// - Parameters:
    ///   - transposeA: Whether A is stored `k×m` (op(A) = Aᵀ).
    ///   - transposeB: Whether B is stored `n×k` (op(B) = Bᵀ).
    ///   - m: Rows of C.
    ///   - n: Columns of C.
    ///   - k: The inner dimension.
    ///   - alpha: Scale of the product.
    ///   - a: A's elements; `lda` is its row stride.
    ///   - lda: Row stride of A as stored.
    ///   - b: B's elements.
    ///   - ldb: Row stride of B as stored.
    ///   - beta: Scale of C's previous contents (0 overwrites, ignoring NaNs in C).
    ///   - c: C's elements.
    ///   - ldc: Row stride of C.
    ///   - kernel: The implementation to use.
    public static func sgemm(
        transposeA: Bool = false, transposeB: Bool = false, m: Int, n: Int, k: Int, alpha: Float = 1,
        a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
        beta: Float = 0, c: UnsafeMutablePointer<Float>, ldc: Int, kernel: GEMMKernel = .automatic
    ) {
        guard m > 0, n > 0 else { return }
        let threads = threadCount  // first use also applies the thread count to BLAS
        if kernel != .portable, k > 0, let blas = BLASLibrary.shared {
            blas.sgemm(101, transposeA ? 112 : 111, transposeB ? 112 : 111, Int32(m), Int32(n), Int32(k), alpha,
                       a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
            return
        }
        PortableGEMM.run(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: alpha,
                         a: a, lda: lda, b: b, ldb: ldb, beta: beta, c: c, ldc: ldc, threads: threads)
    }
}
