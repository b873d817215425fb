/// Single-precision GEMM in plain Swift: packed panels and a 6×8 SIMD8 register-blocked
/// micro-kernel (6 SIMD8 accumulators fit the 16 SSE registers of baseline x86-64 and
/// leave AVX2 room for the B row and the broadcast). Row-major; computes
/// `C = alpha * op(A) * op(B) + beta * C`.
enum PortableGEMM {
    static let mr = 6
    static let nr = 8
    static let kc = 256
    static let mc = 120
    static let nc = 2048

    /// Runs the product, split over `threads` column (or row) ranges when large.
    static func run(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: Float,
        a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
        beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int, threads: Int
    ) {
        let workers = Swift.min(threads, Swift.max(1, (m * n * k) / (48 * 48 * 48)))
        guard workers > 1 else {
            serial(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: alpha, a: a, lda: lda, b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
            return
        }
        if n >= m {
            let chunk = ((n + workers - 1) / workers + nr - 1) / nr * nr
            Kernels.parallelFor(workers) { worker in
                let start = worker * chunk
                let end = Swift.min(n, start + chunk)
                guard start < end else { return }
                serial(transposeA: transposeA, transposeB: transposeB, m: m, n: end - start, k: k, alpha: alpha, a: a, lda: lda,
                       b: transposeB ? b + start * ldb : b + start, ldb: ldb, beta: beta, c: c + start, ldc: ldc)
            }
        } else {
            let chunk = ((m + workers - 1) / workers + mr - 1) / mr * mr
            Kernels.parallelFor(workers) { worker in
                let start = worker * chunk
                let end = Swift.min(m, start + chunk)
                guard start < end else { return }
                serial(transposeA: transposeA, transposeB: transposeB, m: end - start, n: n, k: k, alpha: alpha,
                       a: transposeA ? a + start : a + start * lda, lda: lda, b: b, ldb: ldb, beta: beta, c: c + start * ldc, ldc: ldc)
            }
        }
    }

    /// The single-threaded blocked product.
    static func serial(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: Float,
        a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
        beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        for row in 0..<m {
            let line = c + row &* ldc
            if beta == 0 { line.update(repeating: 0, count: n) } else if beta != 1 {
                for column in 0..<n { line[column] *= beta }
            }
        }
        guard k > 0, alpha != 0 else { return }
        let kcMax = Swift.min(kc, k)
        let packedB = UnsafeMutablePointer<Float>.allocate(capacity: kcMax * ((Swift.min(nc, n) + nr - 1) / nr * nr))
        let packedA = UnsafeMutablePointer<Float>.allocate(capacity: kcMax * ((Swift.min(mc, m) + mr - 1) / mr * mr))
        defer {
            packedB.deallocate()
            packedA.deallocate()
        }
        var jc = 0
        while jc < n {
            let ncb = Swift.min(nc, n - jc)
            var pc = 0
            while pc < k {
                let kcb = Swift.min(kc, k - pc)
                packB(transposeB, b, ldb, pc, jc, kcb, ncb, packedB)
                var ic = 0
                while ic < m {
                    let mcb = Swift.min(mc, m - ic)
                    packA(transposeA, a, lda, ic, pc, mcb, kcb, packedA)
                    var jr = 0
                    while jr < ncb {
                        let cols = Swift.min(nr, ncb - jr)
                        var ir = 0
                        while ir < mcb {
                            let rows = Swift.min(mr, mcb - ir)
                            let offsetC = (ic &+ ir) &* ldc &+ jc &+ jr
                            microKernel(kcb, packedA + ir &* kcb, packedB + jr &* kcb, c + offsetC, ldc, rows, cols, alpha)
                            ir &+= mr
                        }
                        jr &+= nr
                    }
                    ic &+= mc
                }
                pc &+= kc
            }
            jc &+= nc
        }
    }

    /// Packs rows `pc..<pc+kcb`, columns `jc..<jc+ncb` of op(B) into NR-wide panels
    /// (zero-padded), each laid out `[p][j]`.
    @inline(__always)
    static func packB(_ transposed: Bool, _ b: UnsafePointer<Float>, _ ldb: Int, _ pc: Int, _ jc: Int, _ kcb: Int, _ ncb: Int, _ out: UnsafeMutablePointer<Float>) {
        var jr = 0
        while jr < ncb {
            let panel = out + jr &* kcb
            let cols = Swift.min(nr, ncb - jr)
            if !transposed && cols == nr {
                for p in 0..<kcb {
                    let offset = (pc &+ p) &* ldb &+ jc &+ jr
                    let source = UnsafeRawPointer(b + offset)
                    UnsafeMutableRawPointer(panel + p &* nr).storeBytes(of: source.loadUnaligned(as: SIMD8<Float>.self), as: SIMD8<Float>.self)
                }
            } else if !transposed {
                for p in 0..<kcb {
                    let offset = (pc &+ p) &* ldb &+ jc &+ jr
                    let source = b + offset
                    for j in 0..<nr { panel[p &* nr &+ j] = j < cols ? source[j] : 0 }
                }
            } else {
                if cols < nr { panel.update(repeating: 0, count: kcb &* nr) }
                for j in 0..<cols {
                    let offset = (jc &+ jr &+ j) &* ldb &+ pc
                    let source = b + offset
                    for p in 0..<kcb { panel[p &* nr &+ j] = source[p] }
                }
            }
            jr &+= nr
        }
    }

    /// Packs rows `ic..<ic+mcb`, columns `pc..<pc+kcb` of op(A) into MR-tall panels
    /// (zero-padded), each laid out `[p][i]`.
    @inline(__always)
    static func packA(_ transposed: Bool, _ a: UnsafePointer<Float>, _ lda: Int, _ ic: Int, _ pc: Int, _ mcb: Int, _ kcb: Int, _ out: UnsafeMutablePointer<Float>) {
        var ir = 0
        while ir < mcb {
            let panel = out + ir &* kcb
            let rows = Swift.min(mr, mcb - ir)
            if transposed {
                for p in 0..<kcb {
                    let offset = (pc &+ p) &* lda &+ ic &+ ir
                    let source = a + offset
                    for i in 0..<mr { panel[p &* mr &+ i] = i < rows ? source[i] : 0 }
                }
            } else {
                if rows < mr { panel.update(repeating: 0, count: kcb &* mr) }
                for i in 0..<rows {
                    let offset = (ic &+ ir &+ i) &* lda &+ pc
                    let source = a + offset
                    for p in 0..<kcb { panel[p &* mr &+ i] = source[p] }
                }
            }
            ir &+= mr
        }
    }

    /// C[rows×cols] += alpha * Apanel(6×kc) * Bpanel(kc×8).
    @inline(__always)
    static func microKernel(_ kc: Int, _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ c: UnsafeMutablePointer<Float>, _ ldc: Int, _ rows: Int, _ cols: Int, _ alpha: Float) {
        var c0 = SIMD8<Float>(), c1 = SIMD8<Float>(), c2 = SIMD8<Float>()
        var c3 = SIMD8<Float>(), c4 = SIMD8<Float>(), c5 = SIMD8<Float>()
        var pa = a
        var pb = UnsafeRawPointer(b)
        var p = 0
        while p < kc {
            let row = pb.loadUnaligned(as: SIMD8<Float>.self)
            c0 += row * pa[0]
            c1 += row * pa[1]
            c2 += row * pa[2]
            c3 += row * pa[3]
            c4 += row * pa[4]
            c5 += row * pa[5]
            pa += 6
            pb += 32
            p &+= 1
        }
        store(c0, 0, c, ldc, rows, cols, alpha)
        store(c1, 1, c, ldc, rows, cols, alpha)
        store(c2, 2, c, ldc, rows, cols, alpha)
        store(c3, 3, c, ldc, rows, cols, alpha)
        store(c4, 4, c, ldc, rows, cols, alpha)
        store(c5, 5, c, ldc, rows, cols, alpha)
    }

    @inline(__always)
    static func store(_ accumulator: SIMD8<Float>, _ row: Int, _ c: UnsafeMutablePointer<Float>, _ ldc: Int, _ rows: Int, _ cols: Int, _ alpha: Float) {
        guard row < rows else { return }
        let line = c + row &* ldc
        if cols == 8 {
            let raw = UnsafeMutableRawPointer(line)
            let current = UnsafeRawPointer(raw).loadUnaligned(as: SIMD8<Float>.self)
            raw.storeBytes(of: current + accumulator * alpha, as: SIMD8<Float>.self)
        } else {
            for j in 0..<cols { line[j] += accumulator[j] * alpha }
        }
    }
}
