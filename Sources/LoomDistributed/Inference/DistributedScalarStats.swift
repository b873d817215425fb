import LoomTraining

/// ``LoomTraining/ScalarStats`` over a validation set split between ranks: each rank sums
/// `value × batchSize` over its shard, and ``afterInference()`` sums those and the sample
/// counts over all ranks (one allreduce), giving the sample-weighted mean of the whole set
/// on every rank (equal to one process's up to floating-point summation order).
public final class DistributedScalarStats: Inferencer {
    /// The scalar outputs averaged.
    public let names: [String]
    /// The stat-name prefix.
    public let prefix: String
    /// The group the shards belong to.
    public let communicator: any Communicator
    private var sums: [Double]

    /// Creates the inferencer.
    /// - Parameters:
    ///   - names: Scalar outputs, each the mean over its batch.
    ///   - prefix: Stats are named `<prefix>_<name>`.
    ///   - communicator: The group.
    public init(_ names: [String], prefix: String = "validation", communicator: any Communicator) {
        self.names = names
        self.prefix = prefix
        self.communicator = communicator
        sums = [Double](repeating: 0, count: names.count + 1)
    }

    public var name: String { "DistributedScalarStats(\(names.joined(separator: ", ")))" }
    public var fetches: [String] { names }
    public var statNames: [String] { names.map { "\(prefix)_\($0)" } }

    public func beforeInference() throws { for index in sums.indices { sums[index] = 0 } }

    public func onBatch(_ outputs: StepOutputs, batchSize: Int) throws {
        for (index, output) in names.enumerated() {
            guard let value = outputs[output] else { throw InferenceError.missingOutput(inferencer: name, output: output) }
            guard let scalar = value.scalarValue else { throw InferenceError.notScalar(inferencer: name, output: output, shape: Self.shape(of: value)) }
            sums[index] += scalar * Double(batchSize)
        }
        sums[names.count] += Double(batchSize)
    }

    private static func shape(of value: StepValue) -> [Int] {
        if case let .array(shape, _) = value { return shape }
        return []
    }

    /// The sample-weighted means over every rank's samples (NaN when no rank saw a sample).
    /// - Throws: ``DistributedError`` when the allreduce fails.
    public func afterInference() throws -> [String: Double] {
        var totals = sums
        try communicator.allreduce(&totals, operation: .sum)
        let samples = totals[names.count]
        var result: [String: Double] = [:]
        for (index, output) in names.enumerated() { result["\(prefix)_\(output)"] = samples > 0 ? totals[index] / samples : .nan }
        return result
    }
}
