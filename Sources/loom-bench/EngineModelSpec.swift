import LoomNN
import LoomTensor

/// One GEMM or convolution call that a training step makes, to be timed alone.
enum EngineKernelCall {
    /// `Kernels.sgemm` with these sizes and transposes.
    case gemm(m: Int, n: Int, k: Int, transposeA: Bool, transposeB: Bool)
    /// `Tensor.conv2d` forward and backward (input gradient only when asked), stride 1.
    case conv(input: [Int], weight: [Int], inputGradient: Bool, padding: Padding2D = .same)

    /// Floating-point operations of one call.
    var flops: Double {
        switch self {
        case let .gemm(m, n, k, _, _): return 2 * Double(m * n * k)
        case let .conv(input, weight, inputGradient, padding):
            // Stride 1: one GEMM of O × (C·KH·KW) × (N·OH·OW) per pass.
            let output = (try? Tensor.conv2dShape(input: input, weight: weight, padding: padding)) ?? input
            let one = 2 * Double(weight[0] * weight[1] * weight[2] * weight[3]) * Double(output[0] * output[2] * output[3])
            return one * (inputGradient ? 3 : 2)
        }
    }

    /// Mean seconds per call over `iterations` calls.
    func seconds(iterations: Int) -> Double {
        switch self {
        case let .gemm(m, n, k, transposeA, transposeB):
            let a = [Float](repeating: 0.5, count: m * k), b = [Float](repeating: 0.25, count: k * n)
            var c = [Float](repeating: 0, count: m * n)
            let lda = transposeA ? m : k, ldb = transposeB ? k : n
            return measureSeconds {
                for _ in 0..<iterations {
                    c.withUnsafeMutableBufferPointer { c in
                        Kernels.sgemm(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, a: a, lda: lda, b: b, ldb: ldb,
                                      c: c.baseAddress!, ldc: n)
                    }
                }
            } / Double(iterations)
        case let .conv(inputShape, weightShape, inputGradient, padding):
            var generator = SeededGenerator(seed: 3)
            let plain = Tensor(randomNormal: inputShape, using: &generator)
            let input = inputGradient ? plain.requiringGradient() : plain
            let weight = Tensor(randomNormal: weightShape, standardDeviation: 0.1, using: &generator).requiringGradient()
            let seed = Tensor(ones: (try? Tensor.conv2dShape(input: inputShape, weight: weightShape, padding: padding)) ?? inputShape)
            return measureSeconds {
                for _ in 0..<iterations {
                    weight.zeroGradient()
                    input.zeroGradient()
                    Tensor.conv2d(input, weight, padding: padding).backward(seed: seed)
                }
            } / Double(iterations)
        }
    }
}

/// A benchmarked model: how to build it, its batch, and the kernel calls of one step.
struct EngineModelSpec {
    let name: String
    let batchSize: Int
    let build: () throws -> ClassifierModel
    let kernels: [EngineKernelCall]

    /// A fixed random batch of 1×28×28 images and labels in 0..<10.
    func batch() -> (Tensor, IndexTensor) {
        var generator = SeededGenerator(seed: 1)
        let images = Tensor(randomNormal: [batchSize, 1, 28, 28], using: &generator)
        return (images, IndexTensor((0..<batchSize).map { _ in Int(generator.next() % 10) }))
    }

    /// The GEMMs of a dense layer's forward and backward pass.
    static func dense(batch: Int, input: Int, output: Int, inputGradient: Bool) -> [EngineKernelCall] {
        [.gemm(m: batch, n: output, k: input, transposeA: false, transposeB: false),
         .gemm(m: input, n: output, k: batch, transposeA: true, transposeB: false)]
            + (inputGradient ? [.gemm(m: batch, n: input, k: output, transposeA: false, transposeB: true)] : [])
    }

    /// Logistic regression (batch 32), the MLP 784-256-256-10 (batch 64), LeNet (batch 64), the digit CNN (batch 64).
    static func all() throws -> [EngineModelSpec] {
        let shape = [1, 28, 28]
        return [
            EngineModelSpec(name: "logreg", batchSize: 32, build: { Zoo.logisticRegression(inputShape: shape, classes: 10) },
                            kernels: dense(batch: 32, input: 784, output: 10, inputGradient: false)),
            EngineModelSpec(name: "mlp", batchSize: 64, build: { Zoo.mlp(inputShape: shape, classes: 10) },
                            kernels: dense(batch: 64, input: 784, output: 256, inputGradient: false)
                                + dense(batch: 64, input: 256, output: 256, inputGradient: true)
                                + dense(batch: 64, input: 256, output: 10, inputGradient: true)),
            EngineModelSpec(name: "lenet", batchSize: 64, build: { try Zoo.lenet(inputShape: shape, classes: 10) },
                            kernels: [.conv(input: [64, 1, 28, 28], weight: [20, 1, 5, 5], inputGradient: false),
                                      .conv(input: [64, 20, 14, 14], weight: [50, 20, 5, 5], inputGradient: true)]
                                + dense(batch: 64, input: 2450, output: 500, inputGradient: true)
                                + dense(batch: 64, input: 500, output: 10, inputGradient: true)),
            EngineModelSpec(name: "cnn", batchSize: 64, build: { try Zoo.cnn(inputShape: shape, classes: 10) },
                            kernels: [.conv(input: [64, 1, 28, 28], weight: [32, 1, 5, 5], inputGradient: false, padding: .valid),
                                      .conv(input: [64, 32, 12, 12], weight: [64, 32, 5, 5], inputGradient: true, padding: .valid)]
                                + dense(batch: 64, input: 1024, output: 128, inputGradient: true)
                                + dense(batch: 64, input: 128, output: 10, inputGradient: true)),
        ]
    }
}
