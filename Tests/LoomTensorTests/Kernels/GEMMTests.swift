import LoomTensor
import Testing

@Suite struct GEMMTests {
    /// Naive double-precision reference of `op(A) · op(B)`.
    func reference(_ a: [Float], _ b: [Float], m: Int, n: Int, k: Int, transposeA: Bool, transposeB: Bool) -> [Float] {
        var c = [Float](repeating: 0, count: m * n)
        for i in 0..<m {
            for j in 0..<n {
                var total = 0.0
                for p in 0..<k {
                    let x = transposeA ? a[p * m + i] : a[i * k + p]
                    let y = transposeB ? b[j * k + p] : b[p * n + j]
                    total += Double(x) * Double(y)
                }
                c[i * n + j] = Float(total)
            }
        }
        return c
    }

    func run(_ kernel: GEMMKernel, _ a: [Float], _ b: [Float], m: Int, n: Int, k: Int, transposeA: Bool, transposeB: Bool, beta: Float = 0, initial: Float = 0) -> [Float] {
        var c = [Float](repeating: initial, count: m * n)
        a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                c.withUnsafeMutableBufferPointer { pc in
                    Kernels.sgemm(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, a: pa.baseAddress!, lda: transposeA ? m : k,
                                  b: pb.baseAddress!, ldb: transposeB ? k : n, beta: beta, c: pc.baseAddress!, ldc: n, kernel: kernel)
                }
            }
        }
        return c
    }

    @Test(arguments: [(1, 1, 1), (7, 5, 3), (13, 17, 300), (64, 10, 256), (6, 8, 1), (50, 70, 90)])
    func portableAndBLASMatchReference(size: (Int, Int, Int)) {
        let (m, n, k) = size
        let a = testValues([m * k], seed: 1).scalars, b = testValues([k * n], seed: 2).scalars
        for transposeA in [false, true] {
            for transposeB in [false, true] {
                let expected = reference(a, b, m: m, n: n, k: k, transposeA: transposeA, transposeB: transposeB)
                let portable = run(.portable, a, b, m: m, n: n, k: k, transposeA: transposeA, transposeB: transposeB)
                let blas = run(.blas, a, b, m: m, n: n, k: k, transposeA: transposeA, transposeB: transposeB)
                #expect(close(portable, expected, tolerance: 1e-4), "portable \(size) tA \(transposeA) tB \(transposeB)")
                #expect(close(blas, expected, tolerance: 1e-4), "blas \(size) tA \(transposeA) tB \(transposeB)")
                #expect(close(portable, blas, tolerance: 1e-4))
            }
        }
    }

    @Test func betaAccumulatesAndZeroInnerDimension() {
        let a = testValues([12], seed: 3).scalars, b = testValues([12], seed: 4).scalars
        let expected = reference(a, b, m: 3, n: 4, k: 3, transposeA: false, transposeB: false).map { $0 + 2 }
        #expect(close(run(.portable, a, b, m: 3, n: 4, k: 3, transposeA: false, transposeB: false, beta: 1, initial: 2), expected, tolerance: 1e-5))
        #expect(run(.portable, [], [], m: 2, n: 2, k: 0, transposeA: false, transposeB: false, beta: 0, initial: 5) == [0, 0, 0, 0])
    }

    @Test func matmulValues() {
        let a = Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])
        let b = Tensor(shape: [3, 2], scalars: [7, 8, 9, 10, 11, 12])
        #expect(Tensor.matmul(a, b).scalars == [58, 64, 139, 154])
        let batched = Tensor.matmul(Tensor.stack([a, a * 2]), Tensor.stack([b, b]))
        #expect(batched.shape == [2, 2, 2])
        #expect(batched.scalars == [58, 64, 139, 154, 116, 128, 278, 308])
    }

    @Test func kernelInfoDescribesTheBackend() {
        let info = KernelInfo.current
        #expect(info.threadCount >= 1 && info.cpuCount >= 1)
        #expect(info.description.contains(Kernels.isBLASLoaded ? "BLAS: " : "portable Swift kernels"))
    }
}
