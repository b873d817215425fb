import LoomEngine
import LoomNN
import LoomTensor

/// The language model's layers: `embed` (characters → 32-vectors), `lstm`, `out` (hidden
/// state → one logit per character), kept by name for the sampler.
final class CharNetwork {
    let embedding: Embedding
    let lstm: LSTM
    let output: Dense
    let root: Sequential

    init(vocabularySize: Int, hiddenSize: Int, seed: UInt64) {
        var generator = LoomTensor.SeededGenerator(seed: seed)
        embedding = Embedding(vocabularySize: vocabularySize, embeddingSize: 32, generator: &generator)
        lstm = LSTM(inputSize: 32, hiddenSize: hiddenSize, generator: &generator)
        output = Dense(inputSize: hiddenSize, outputSize: vocabularySize, generator: &generator)
        root = Sequential([("embed", embedding), ("lstm", lstm), ("out", output)])
    }

    /// The mean cross-entropy per character of predicting each next character; output `xent`
    /// (nats per character; perplexity is its exponential).
    static func crossEntropy(_ model: Model, _ batch: TensorBatch, _ context: CostContext) throws -> ModelOutputs {
        let logits = model(batch["input"])  // [B, T, vocabulary]
        let cost = Loss.sequenceCrossEntropy(logits: logits, targets: try batch.indices("target"))
        var outputs = ModelOutputs(cost: cost)
        outputs.scalar("xent") { cost.scalar }
        return outputs
    }
}
