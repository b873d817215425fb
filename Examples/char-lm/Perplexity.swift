import Foundation
import LoomTraining

/// The perplexity of a validation pass: `exp` of the mean per-token cross-entropy over the
/// whole pass (each batch's mean weighted by its sample count, all windows having the same
/// length), never a mean of per-batch perplexities (which would overstate it: exp is convex).
final class Perplexity: Inferencer {
    private let output: String
    private let statName: String
    private var sum = 0.0
    private var samples = 0

    /// - Parameters:
    ///   - output: A scalar output holding a batch's mean cross-entropy in nats.
    ///   - statName: The stat to put.
    init(_ output: String, statName: String) {
        self.output = output
        self.statName = statName
    }

    var fetches: [String] { [output] }
    var statNames: [String] { [statName] }

    func beforeInference() throws {
        sum = 0
        samples = 0
    }

    func onBatch(_ outputs: StepOutputs, batchSize: Int) throws {
        guard let value = outputs[output] else { throw InferenceError.missingOutput(inferencer: name, output: output) }
        guard let scalar = value.scalarValue else {
            let shape: [Int] = if case let .array(shape, _) = value { shape } else { [] }
            throw InferenceError.notScalar(inferencer: name, output: output, shape: shape)
        }
        sum += scalar * Double(batchSize)
        samples += batchSize
    }

    func afterInference() throws -> [String: Double] {
        [statName: samples > 0 ? exp(sum / Double(samples)) : .nan]
    }
}
