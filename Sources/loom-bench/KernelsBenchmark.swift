import ArgumentParser
import Foundation
import LoomTensor

/// `loom-bench kernels`: GEMM GFLOP/s (BLAS and portable, 1 and 2 threads), elementwise
/// and memcpy GB/s on one thread, and a LeNet conv2d layer forward + backward.
struct KernelsBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "kernels", abstract: "Benchmarks of the tensor kernels.")
    @OptionGroup var options: BenchOptions

    @Option(help: "Largest square GEMM size to run (64…2048).")
    var maxSize = 2048

    @Option(help: "Comma-separated thread counts for GEMM.")
    var threads = "1,2"

    func run() throws {
        var report = BenchReport(area: "kernels")
        let info = KernelInfo.current
        report.add("backend", [("kernels", .text(info.blas ?? "portable")), ("cpus", .integer(info.cpuCount))])
        let threadCounts = threads.split(separator: ",").compactMap { Int($0) }
        var shapes: [(String, Int, Int, Int, Bool, Bool)] = [64, 128, 256, 512, 1024, 2048].filter { $0 <= maxSize }.map { ("\($0)", $0, $0, $0, false, false) }
        shapes += [
            ("mlp fc1 64x784*784x256", 64, 256, 784, false, false),
            ("mlp fc2 64x256*256x256", 64, 256, 256, false, false),
            ("mlp fc3 64x256*256x10", 64, 10, 256, false, false),
            ("mlp fc1 dW 784x64*64x256 (Aᵀ)", 784, 256, 64, true, false),
            ("mlp fc1 dX 64x256*256x784 (Bᵀ)", 64, 784, 256, false, true),
            ("mlp fc2 dW 256x64*64x256 (Aᵀ)", 256, 256, 64, true, false),
            ("mlp fc3 dX 64x10*10x256 (Bᵀ)", 64, 256, 10, false, true),
        ]
        let kernels: [GEMMKernel] = Kernels.isBLASLoaded ? [.blas, .portable] : [.portable]
        for (name, m, n, k, transposeA, transposeB) in shapes {
            var fields: [(String, BenchValue)] = [("m", .integer(m)), ("n", .integer(n)), ("k", .integer(k))]
            for kernel in kernels {
                for count in threadCounts {
                    Kernels.threadCount = count
                    let gflops = gemmGFLOPS(m: m, n: n, k: k, transposeA: transposeA, transposeB: transposeB, kernel: kernel)
                    fields.append(("\(kernel == .blas ? "blas" : "portable") \(count)t GFLOP/s", .number(gflops, digits: 1)))
                }
            }
            if kernels.count == 2, let blas = fields.first(where: { $0.0 == "blas 1t GFLOP/s" }), let portable = fields.first(where: { $0.0 == "portable 1t GFLOP/s" }),
               case let .number(b, _) = blas.1, case let .number(p, _) = portable.1 {
                fields.append(("portable/blas 1t", .number(p / b, digits: 2)))
            }
            report.add("gemm \(name)", fields)
        }
        Kernels.threadCount = 1
        for count in [1 << 20, 1 << 24] {
            let label = count == 1 << 20 ? "1M" : "16M"
            let a = Tensor(repeating: 1.5, shape: [count]), b = Tensor(repeating: -0.5, shape: [count])
            var target = Tensor(zeros: [count])
            let copySource = [Float](repeating: 1, count: count)
            var copyTarget = [Float](repeating: 0, count: count)
            let memcpySeconds = measure {
                copyTarget.withUnsafeMutableBytes { target in copySource.withUnsafeBytes { source in target.copyMemory(from: source) } }
            }
            let memcpyRate = Double(count * 8) / memcpySeconds / 1e9
            report.add("memcpy \(label)", [("GB/s", .number(memcpyRate, digits: 1)), ("of memcpy", .number(1, digits: 2))])
            let cases: [(String, Int, () -> Void)] = [
                ("add (new tensor)", 12, { _ = a + b }),
                ("add (in place +=)", 12, { target += b }),
                ("relu", 8, { _ = b.relu() }),
                ("exp", 8, { _ = b.exp() }),
            ]
            for (name, bytes, body) in cases {
                let rate = Double(count * bytes) / measure(body) / 1e9
                report.add("\(name) \(label)", [("GB/s", .number(rate, digits: 1)), ("of memcpy", .number(rate / memcpyRate, digits: 2))])
            }
        }
        for count in threadCounts {
            Kernels.threadCount = count
            var generator = SeededGenerator(seed: 1)
            let input = Tensor(randomNormal: [64, 1, 28, 28], using: &generator)
            let weight = Tensor(randomNormal: [32, 1, 5, 5], standardDeviation: 0.2, using: &generator).requiringGradient()
            let forward = measure { _ = Tensor.conv2d(input, weight) }
            let both = measure {
                weight.zeroGradient()
                Tensor.conv2d(input, weight).sum().backward()
            }
            report.add("conv2d lenet 64x1x28x28 * 32x1x5x5 \(count)t", [("forward ms", .number(forward * 1e3, digits: 2)), ("fwd+bwd ms", .number(both * 1e3, digits: 2))])
        }
        Kernels.threadCount = 1
        report.emit(json: options.json)
    }

    /// Median seconds per call of `body`, batching calls so each sample lasts ≥ 20 ms.
    func measure(_ body: () -> Void) -> Double {
        body()
        var calls = 1
        while measureSeconds({ for _ in 0..<calls { body() } }) < 0.02 && calls < 1 << 16 { calls *= 2 }
        let samples = (0..<max(options.repeats, 1)).map { _ in measureSeconds { for _ in 0..<calls { body() } } / Double(calls) }
        return median(samples)
    }

    func gemmGFLOPS(m: Int, n: Int, k: Int, transposeA: Bool, transposeB: Bool, kernel: GEMMKernel) -> Double {
        let a = [Float](repeating: 0.5, count: m * k), b = [Float](repeating: 0.25, count: k * n)
        var c = [Float](repeating: 0, count: m * n)
        let seconds = a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                c.withUnsafeMutableBufferPointer { pc in
                    measure {
                        Kernels.sgemm(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, a: pa.baseAddress!, lda: transposeA ? m : k,
                                      b: pb.baseAddress!, ldb: transposeB ? k : n, c: pc.baseAddress!, ldc: n, kernel: kernel)
                    }
                }
            }
        }
        return 2 * Double(m) * Double(n) * Double(k) / seconds / 1e9
    }
}
