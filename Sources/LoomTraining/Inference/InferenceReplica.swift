/// One copy of the evaluation model for ``DataParallelInferenceRunner``: it shares the
/// model's weights read-only and is used by one worker thread for one pass, so it needs
/// no lock. It follows the evaluation contract of ``InferenceSource``.
public protocol InferenceReplica<Batch>: AnyObject {
    /// The batch type of the validation data.
    associatedtype Batch

    /// Runs the model in evaluation mode on `batch`.
    /// - Parameters:
    ///   - batch: one batch produced by ``ParallelInferenceSource/forEachInput(_:)``.
    ///   - fetches: the output names to return.
    /// - Returns: the requested outputs and the batch's number of samples.
    /// - Throws: any error of the model (the pass stops and the error surfaces, naming
    ///   the worker and the batch).
    func infer(_ batch: Batch, fetches: [String]) throws -> (outputs: StepOutputs, batchSize: Int)
}
