import ArgumentParser
import Foundation
import LoomTensor

/// `loom-bench kernels`: GEMM GFLOP/s (BLAS and portable, 1 and 2 threads), elementwise
/// and memcpy GB/s on one thread, conv2d layers (LeNet's first, the digit CNN's second)
/// forward + backward, and the CNN's ops at one thread against more.
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
            let flops = 2 * Double(m) * Double(n) * Double(k)
            let a = [Float](repeating: 0.5, count: m * k), b = [Float](repeating: 0.25, count: k * n)
            var c = [Float](repeating: 0, count: m * n)
            a.withUnsafeBufferPointer { pa in
                b.withUnsafeBufferPointer { pb in
                    c.withUnsafeMutableBufferPointer { pc in
                        guard let aBase = pa.baseAddress, let bBase = pb.baseAddress, let cBase = pc.baseAddress else { return }
                        for count in threadCounts {
                            Kernels.threadCount = count
                            // BLAS and portable samples alternate, so their ratio is taken under the same load.
                            let samples = interleaved(kernels.map { kernel in {
                                Kernels.sgemm(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, a: aBase, lda: transposeA ? m : k,
                                              b: bBase, ldb: transposeB ? k : n, c: cBase, ldc: n, kernel: kernel)
                            } })
                            for (kernel, times) in zip(kernels, samples) {
                                fields.append(("\(kernel == .blas ? "blas" : "portable") \(count)t GFLOP/s", .number(flops / median(times) / 1e9, digits: 1)))
                            }
                            if samples.count == 2 {
                                fields.append(("portable/blas \(count)t", .number(median(zip(samples[0], samples[1]).map { $0 / $1 }), digits: 2)))
                            }
                        }
                    }
                }
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
            let memcpy = {
                copyTarget.withUnsafeMutableBytes { target in copySource.withUnsafeBytes { source in target.copyMemory(from: source) } }
            }
            let cases: [(String, Int, () -> Void)] = [
                ("add (new tensor)", 12, { _ = a + b }),
                ("add (in place +=)", 12, { target += b }),
                ("relu", 8, { _ = b.relu() }),
                ("exp", 8, { _ = b.exp() }),
            ]
            for (name, bytes, body) in cases {
                // Each sample of the op is paired with a memcpy sample taken right after it.
                let samples = interleaved([body, memcpy])
                let rate = Double(count * bytes) / median(samples[0]) / 1e9
                let memcpyRate = Double(count * 8) / median(samples[1]) / 1e9
                let ratio = median(zip(samples[0], samples[1]).map { Double(count * bytes) / $0 / (Double(count * 8) / $1) })
                report.add("\(name) \(label)", [("GB/s", .number(rate, digits: 1)), ("memcpy GB/s", .number(memcpyRate, digits: 1)), ("of memcpy", .number(ratio, digits: 2))])
            }
        }
        for count in threadCounts {
            Kernels.threadCount = count
            var generator = SeededGenerator(seed: 1)
            for layer in ConvolutionLayer.benchmarked {
                let input = Tensor(randomNormal: layer.input, using: &generator).requiringGradient()
                let weight = Tensor(randomNormal: layer.weight, standardDeviation: 0.1, using: &generator).requiringGradient()
                let forward = measure { _ = Tensor.conv2d(input, weight, padding: layer.padding) }
                let both = measure {
                    input.zeroGradient()
                    weight.zeroGradient()
                    Tensor.conv2d(input, weight, padding: layer.padding).sum().backward()
                }
                report.add("conv2d \(layer.name) \(count)t", [("forward ms", .number(forward * 1e3, digits: 2)),
                                                             ("fwd+bwd ms", .number(both * 1e3, digits: 2)),
                                                             ("forward GFLOP/s", .number(layer.flops / forward / 1e9, digits: 1))])
            }
        }
        Kernels.threadCount = 1
        addThreadScaling(to: &report, threadCounts: threadCounts)
        report.emit(json: options.json)
    }

    /// Median seconds per call of `body`, batching calls so each sample lasts ≥ 20 ms.
    func measure(_ body: @escaping () -> Void) -> Double {
        median(interleaved([body])[0])
    }

    /// Seconds per call of each body, `repeats` samples each, taken in alternation (one
    /// sample of every body per round) so a load change affects all of them alike.
    func interleaved(_ bodies: [() -> Void]) -> [[Double]] {
        let calls = bodies.map { body -> Int in
            body()
            var calls = 1
            while measureSeconds({ for _ in 0..<calls { body() } }) < 0.02 && calls < 1 << 16 { calls *= 2 }
            return calls
        }
        var samples = [[Double]](repeating: [], count: bodies.count)
        for _ in 0..<max(options.repeats, 1) {
            for (index, body) in bodies.enumerated() {
                samples[index].append(measureSeconds { for _ in 0..<calls[index] { body() } } / Double(calls[index]))
            }
        }
        return samples
    }
}
