import LoomTraining

/// ``LoomTraining/ClassificationError`` over a validation set split between ranks: each
/// rank counts the wrong samples of its own shard, and ``afterInference()`` sums the wrong
/// and sample counts over all ranks (one allreduce), so every rank gets the error of the
/// whole validation set — exactly what one process computes (the counts are integers, so
/// the sums do not depend on the order).
///
/// Every rank must run its pass (an empty shard is fine): ``afterInference()`` is a collective.
public final class DistributedClassificationError: Inferencer {
    /// The output with one wrong (1) / right (0) value per sample.
    public let wrongName: String
    /// The stat the error is put under.
    public let summaryName: String
    /// The group the shards belong to.
    public let communicator: any Communicator
    private var counts = [0.0, 0.0]

    /// Creates the inferencer.
    /// - Parameters:
    ///   - wrongName: The per-sample wrong vector output.
    ///   - summaryName: The stat name of the error rate.
    ///   - communicator: The group.
    public init(wrongName: String = "wrong-top1", summaryName: Stat = .valErrorTop1, communicator: any Communicator) {
        self.wrongName = wrongName
        self.summaryName = summaryName.name
        self.communicator = communicator
    }

    public var name: String { "DistributedClassificationError(\(wrongName))" }
    public var fetches: [String] { [wrongName] }
    public var statNames: [String] { [summaryName] }

    public func beforeInference() throws { counts = [0, 0] }

    public func onBatch(_ outputs: StepOutputs, batchSize: Int) throws {
        guard let value = outputs[wrongName] else { throw InferenceError.missingOutput(inferencer: name, output: wrongName) }
        let values: [Float]
        switch value {
        case let .scalar(scalar): values = [Float(scalar)]
        case let .array(_, array): values = array
        }
        guard values.count == batchSize else {
            throw InferenceError.sizeMismatch(inferencer: name, output: wrongName, count: values.count, batchSize: batchSize)
        }
        for wrong in values { counts[0] += Double(wrong) }
        counts[1] += Double(batchSize)
    }

    /// The summed wrong count over the summed sample count (NaN when no rank saw a sample).
    /// - Throws: ``DistributedError`` when the allreduce fails.
    public func afterInference() throws -> [String: Double] {
        var totals = counts
        try communicator.allreduce(&totals, operation: .sum)
        return [summaryName: totals[1] > 0 ? totals[0] / totals[1] : .nan]
    }
}
