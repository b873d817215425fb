/// The classification error over a whole validation pass (tensorpack
/// `ClassificationError`): the number of wrong samples over the number of samples, exact
/// with an uneven last batch (not a mean of per-batch means).
///
/// The source's output `wrongName` holds one value per sample: 1 when the prediction is
/// wrong, 0 when it is right (e.g. `wrong-top1`, `wrong-top5`).
/// ```swift
/// InferenceRunner(source, [ClassificationError(wrongName: "wrong-top1", summaryName: .valErrorTop1),
///                          ClassificationError(wrongName: "wrong-top5", summaryName: .valErrorTop5)])
/// ```
public final class ClassificationError: Inferencer {
    /// The output with one wrong (1) / right (0) value per sample.
    public let wrongName: String
    /// The stat the error is put under.
    public let summaryName: String
    private var wrong = 0.0
    private var samples = 0

    /// Creates the inferencer.
    /// - Parameters:
    ///   - wrongName: the per-sample wrong vector output.
    ///   - summaryName: the stat name of the error rate.
    public init(wrongName: String = "wrong-top1", summaryName: Stat = .valErrorTop1) {
        self.wrongName = wrongName
        self.summaryName = summaryName.name
    }

    public var name: String { "ClassificationError(\(wrongName))" }
    public var fetches: [String] { [wrongName] }
    public var statNames: [String] { [summaryName] }

    public func beforeInference() throws {
        wrong = 0
        samples = 0
    }

    public func onBatch(_ outputs: StepOutputs, batchSize: Int) throws {
        guard let value = outputs[wrongName] else { throw InferenceError.missingOutput(inferencer: name, output: wrongName) }
        let count = value.valueCount
        guard count == batchSize else {
            throw InferenceError.sizeMismatch(inferencer: name, output: wrongName, count: count, batchSize: batchSize)
        }
        wrong += value.sumOfValues()
        samples += count
    }

    /// The wrong count over the sample count (NaN after a pass without samples).
    public func afterInference() throws -> [String: Double] {
        [summaryName: samples > 0 ? wrong / Double(samples) : .nan]
    }
}
