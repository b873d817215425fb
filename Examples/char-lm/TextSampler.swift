import Foundation
import LoomData
import LoomNN
import LoomTensor
import LoomTraining

/// Samples a line from the language model after every epoch: one character at a time from
/// `start`, each drawn from the softmax of the logits (temperature 0.8), fed back in with the
/// LSTM state carried. Puts the line into the log and as the TensorBoard text `sample`.
///
/// Its random choices come from a generator seeded by the epoch number, so the sample of an
/// epoch is the same in a resumed run and in an uninterrupted one.
final class TextSampler: Callback {
    private let network: CharNetwork
    private let vocabulary: CharacterVocabulary
    private let start: Character
    private let length: Int
    private let temperature: Float = 0.8
    private var context: TrainerContext?

    init(network: CharNetwork, vocabulary: CharacterVocabulary, start: Character, length: Int) {
        self.network = network
        self.vocabulary = vocabulary
        self.start = start
        self.length = length
    }

    var chiefOnly: Bool { true }

    func setUp(_ context: TrainerContext) throws { self.context = context }

    func trigger() throws {
        guard let context else { return }
        var generator = LoomData.SeededGenerator(seed: LoomData.SeededGenerator.mix(0x5A3B1E, UInt64(context.loop.epochNumber)))
        let line = sample(using: &generator)
        context.logger.info("sample: \(line.debugDescription)")
        try context.monitors.put(text: line, name: "sample")
    }

    /// `length` characters following `start`.
    func sample(using generator: inout LoomData.SeededGenerator) -> String {
        guard var id = vocabulary.id(of: start) else { return "" }
        var state: LSTMState?
        var ids: [Int32] = []
        Tensor.withoutGradients {
            for _ in 0..<length {
                let vector = network.embedding.table.value.gathering(IndexTensor(shape: [1], indices: [Int(id)]), alongAxis: 0)
                let (hidden, next) = network.lstm(vector.reshaped(to: [1, 1, vector.shape[1]]), initialState: state)
                state = next
                let logits = network.output.forward(hidden.reshaped(to: [1, network.lstm.hiddenSize]), context: ForwardContext(isTraining: false, seed: 0))
                id = Int32(draw(logits.scalars, using: &generator))
                ids.append(id)
            }
        }
        return String(start) + vocabulary.decode(ids)
    }

    /// An index drawn with probability softmax(logits / temperature).
    private func draw(_ logits: [Float], using generator: inout LoomData.SeededGenerator) -> Int {
        let top = logits.max() ?? 0
        let weights = logits.map { Double(exp(($0 - top) / temperature)) }
        var remaining = generator.nextUnit() * weights.reduce(0, +)
        for (index, weight) in weights.enumerated() {
            remaining -= weight
            if remaining < 0 { return index }
        }
        return weights.count - 1
    }
}
