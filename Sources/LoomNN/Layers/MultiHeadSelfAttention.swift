import LoomTensor

/// Multi-head scaled dot-product self-attention over `[batch, time, modelSize]` input,
/// optionally causal (each position attends only to itself and earlier positions).
///
/// `Q, K, V = x·Wq + bq, x·Wk + bk, x·Wv + bv`, split into `headCount` heads of
/// `modelSize / headCount` features; per head `softmax(Q·Kᵀ / √headSize + mask)·V`; the heads
/// are joined and projected by `Wo, bo`. The causal mask sets the scores of later keys to
/// `-inf` before the softmax (``LoomTensor/Tensor/filling(where:with:)``); the softmax
/// subtracts each row's maximum, which is finite because a position always sees itself, so
/// masked weights are exactly 0 and nothing overflows.
///
/// State names: `q/W`, `q/b`, `k/W`, `k/b`, `v/W`, `v/b`, `out/W`, `out/b` (each a ``Dense``).
public final class MultiHeadSelfAttention: Layer {
    /// The query projection.
    public let query: Dense
    /// The key projection.
    public let key: Dense
    /// The value projection.
    public let value: Dense
    /// The output projection.
    public let output: Dense
    /// The number of heads.
    public let headCount: Int
    /// Whether position `t` attends only to positions `0...t`.
    public let isCausal: Bool

    /// The model width (input and output features).
    public var modelSize: Int { query.weight.shape[0] }
    /// Features per head.
    public var headSize: Int { modelSize / headCount }

    /// Creates an attention layer.
    /// - Parameters:
    ///   - modelSize: Features per position (input and output); divisible by `headCount`.
    ///   - headCount: The number of heads.
    ///   - causal: Whether to mask later positions (for autoregressive models).
    ///   - initializer: How the four projection weights are drawn (biases start at zero).
    ///   - generator: The source of randomness.
    public init(modelSize: Int, headCount: Int, causal: Bool = false, initializer: Initializer = .glorotUniform,
                generator: inout SeededGenerator) {
        precondition(headCount > 0 && modelSize > 0 && modelSize % headCount == 0,
                     "MultiHeadSelfAttention: modelSize \(modelSize) must be a positive multiple of headCount \(headCount)")
        query = Dense(inputSize: modelSize, outputSize: modelSize, initializer: initializer, generator: &generator)
        key = Dense(inputSize: modelSize, outputSize: modelSize, initializer: initializer, generator: &generator)
        value = Dense(inputSize: modelSize, outputSize: modelSize, initializer: initializer, generator: &generator)
        output = Dense(inputSize: modelSize, outputSize: modelSize, initializer: initializer, generator: &generator)
        self.headCount = headCount
        isCausal = causal
    }

    /// Attends over `[batch, time, modelSize]` input; the output has the same shape.
    public func forward(_ input: Tensor, context: ForwardContext) -> Tensor {
        precondition(input.rank == 3 && input.shape[2] == modelSize,
                     "MultiHeadSelfAttention: input \(input.shape) must be [batch, time, \(modelSize)]")
        let batch = input.shape[0], steps = input.shape[1]
        func heads(_ projection: Dense) -> Tensor {
            projection.forward(input, context: context).reshaped(to: [batch, steps, headCount, headSize]).permuted([0, 2, 1, 3])
        }
        let queries = heads(query), keys = heads(key), values = heads(value)
        var scores = Tensor.matmul(queries, keys, transposeA: false, transposeB: true) * (1 / Float(headSize).squareRoot())
        if isCausal { scores = scores.filling(where: Self.causalMask(length: steps), with: -.infinity) }
        let attended = Tensor.matmul(scores.softmax(alongAxis: -1), values)
        let joined = attended.permuted([0, 2, 1, 3]).reshaped(to: [batch, steps, modelSize])
        return output.forward(joined, context: context)
    }

    /// The `[length, length]` causal mask: 1 where the key comes after the query (masked), 0 elsewhere.
    /// - Parameter length: The sequence length.
    public static func causalMask(length: Int) -> Tensor {
        var values = [Float](repeating: 0, count: length * length)
        for row in 0..<length {
            for column in (row + 1)..<length { values[row * length + column] = 1 }
        }
        return Tensor(shape: [length, length], scalars: values)
    }

    /// Reports the projections' state under `q/`, `k/`, `v/` and `out/`.
    public func visitState(prefix: String, _ visit: (String, StateEntry) -> Void) {
        query.visitState(prefix: prefix + "q/", visit)
        key.visitState(prefix: prefix + "k/", visit)
        value.visitState(prefix: prefix + "v/", visit)
        output.visitState(prefix: prefix + "out/", visit)
    }
}
