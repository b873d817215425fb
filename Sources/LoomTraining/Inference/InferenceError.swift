/// Errors of the inference runners and inferencers; each message says what is wrong
/// and what to do.
public enum InferenceError: Error, Equatable, CustomStringConvertible {
    /// An inferencer fetches an output the source cannot produce.
    case unknownOutput(inferencer: String, output: String, available: [String], suggestion: String?)
    /// Two inferencers (of one runner or of several runners) produce the same stat.
    case duplicateStat(stat: String, producers: [String])
    /// A batch lacks an output an inferencer fetched.
    case missingOutput(inferencer: String, output: String)
    /// An output's number of values differs from the batch's number of samples.
    case sizeMismatch(inferencer: String, output: String, count: Int, batchSize: Int)
    /// A batch output is not a scalar where one is needed.
    case notScalar(inferencer: String, output: String, shape: [Int])
    /// ``Inferencer/afterInference()`` returned a name it did not declare, or missed one.
    case statMismatch(inferencer: String, declared: [String], returned: [String])
    /// A worker of ``DataParallelInferenceRunner`` failed.
    case workerFailed(worker: Int, batch: Int, message: String)
    /// The runner was triggered before `setUp`.
    case notSetUp(runner: String)

    public var description: String {
        switch self {
        case let .unknownOutput(inferencer, output, available, suggestion):
            let hint = suggestion.map { " Did you mean '\($0)'?" } ?? ""
            let list = available.isEmpty ? "the source produces no outputs" : "the source produces: " + available.sorted().joined(separator: ", ")
            return "\(inferencer) reads the output '\(output)', which the validation source does not produce.\(hint) (\(list)). Fix the name or add the output to the evaluation model."
        case let .duplicateStat(stat, producers):
            return "the stat '\(stat)' is produced by \(producers.joined(separator: " and ")); give the runners different prefixes or the inferencers different names"
        case let .missingOutput(inferencer, output):
            return "\(inferencer): the validation source returned no '\(output)' for a batch although it was fetched; the source must return every fetched output"
        case let .sizeMismatch(inferencer, output, count, batchSize):
            return "\(inferencer): the output '\(output)' has \(count) values but the batch has \(batchSize) samples; it must hold one value per sample"
        case let .notScalar(inferencer, output, shape):
            return "\(inferencer): the output '\(output)' must be a scalar per batch, found shape \(shape)"
        case let .statMismatch(inferencer, declared, returned):
            return "\(inferencer) returned the stats [\(returned.sorted().joined(separator: ", "))] but declared [\(declared.joined(separator: ", "))]; afterInference must return exactly its statNames"
        case let .workerFailed(worker, batch, message):
            return "inference worker \(worker) failed on batch \(batch): \(message)"
        case let .notSetUp(runner):
            return "\(runner) was triggered before setUp; add it to the trainer's callbacks"
        }
    }
}
