/// The mean of scalar outputs over a validation pass, weighted by batch size (tensorpack
/// `ScalarStats`, exact with an uneven last batch): output `cost` becomes the stat
/// `<prefix>_cost`.
///
/// Each name is a scalar per batch, the mean over the batch's samples (e.g. a loss).
public final class ScalarStats: Inferencer {
    /// The scalar outputs averaged.
    public let names: [String]
    /// The stat-name prefix (`validation` by default).
    public let prefix: String
    private var sums: [Double]
    private var samples = 0

    /// Creates the inferencer.
    /// - Parameters:
    ///   - names: scalar outputs, each the mean over its batch.
    ///   - prefix: stats are named `<prefix>_<name>`.
    public init(_ names: [String], prefix: String = "validation") {
        self.names = names
        self.prefix = prefix
        sums = Array(repeating: 0, count: names.count)
    }

    /// Creates the inferencer for one output.
    public convenience init(_ name: String, prefix: String = "validation") { self.init([name], prefix: prefix) }

    public var name: String { "ScalarStats(\(names.joined(separator: ", ")))" }
    public var fetches: [String] { names }
    public var statNames: [String] { names.map { "\(prefix)_\($0)" } }

    public func beforeInference() throws {
        for index in sums.indices { sums[index] = 0 }
        samples = 0
    }

    public func onBatch(_ outputs: StepOutputs, batchSize: Int) throws {
        for index in names.indices {
            guard let value = outputs[names[index]] else { throw InferenceError.missingOutput(inferencer: name, output: names[index]) }
            guard let scalar = value.scalarValue else {
                throw InferenceError.notScalar(inferencer: name, output: names[index], shape: value.shape)
            }
            sums[index] += scalar * Double(batchSize)
        }
        samples += batchSize
    }

    /// The sample-weighted means (NaN after a pass without samples).
    public func afterInference() throws -> [String: Double] {
        var result: [String: Double] = [:]
        for index in names.indices {
            result["\(prefix)_\(names[index])"] = samples > 0 ? sums[index] / Double(samples) : .nan
        }
        return result
    }
}
