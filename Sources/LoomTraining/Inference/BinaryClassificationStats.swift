/// Precision and recall of a binary classifier over a validation pass (tensorpack
/// `BinaryClassificationStats`): stats `<prefix>_precision` and `<prefix>_recall`, each
/// 0 when its denominator is 0 (no positive prediction, no positive label).
///
/// The outputs `predName` and `labelName` hold one value per sample; a value above 0.5
/// counts as positive (0/1 predictions, or probabilities).
public final class BinaryClassificationStats: Inferencer {
    /// The per-sample prediction output.
    public let predName: String
    /// The per-sample label output.
    public let labelName: String
    /// The stat-name prefix (`val` by default).
    public let prefix: String
    private var truePositives = 0
    private var predictedPositives = 0
    private var actualPositives = 0

    /// Creates the inferencer.
    /// - Parameters:
    ///   - predName: the per-sample prediction output.
    ///   - labelName: the per-sample label output.
    ///   - prefix: stats are named `<prefix>_precision` and `<prefix>_recall`.
    public init(predName: String, labelName: String, prefix: String = "val") {
        self.predName = predName
        self.labelName = labelName
        self.prefix = prefix
    }

    public var name: String { "BinaryClassificationStats(\(predName), \(labelName))" }
    public var fetches: [String] { [predName, labelName] }
    public var statNames: [String] { ["\(prefix)_precision", "\(prefix)_recall"] }

    public func beforeInference() throws {
        truePositives = 0
        predictedPositives = 0
        actualPositives = 0
    }

    public func onBatch(_ outputs: StepOutputs, batchSize: Int) throws {
        let predictions = try values(predName, outputs, batchSize)
        let labels = try values(labelName, outputs, batchSize)
        for index in 0..<batchSize {
            let predicted = predictions[index] > 0.5
            let actual = labels[index] > 0.5
            if predicted { predictedPositives += 1 }
            if actual { actualPositives += 1 }
            if predicted && actual { truePositives += 1 }
        }
    }

    /// Precision `tp / (tp + fp)` and recall `tp / (tp + fn)`, 0 for a zero denominator.
    public func afterInference() throws -> [String: Double] {
        [
            "\(prefix)_precision": predictedPositives > 0 ? Double(truePositives) / Double(predictedPositives) : 0,
            "\(prefix)_recall": actualPositives > 0 ? Double(truePositives) / Double(actualPositives) : 0,
        ]
    }

    private func values(_ output: String, _ outputs: StepOutputs, _ batchSize: Int) throws -> [Float] {
        guard let value = outputs[output] else { throw InferenceError.missingOutput(inferencer: name, output: output) }
        let values = value.floatValues
        guard values.count == batchSize else {
            throw InferenceError.sizeMismatch(inferencer: name, output: output, count: values.count, batchSize: batchSize)
        }
        return values
    }
}
