/// A source of validation results for an ``InferenceRunner``: an evaluation model paired
/// with a validation data set (in Loom, `LoomEngine` pairs a `LoomNN` model with a
/// `LoomData` `DataFlow`). The training core never sees a batch or a tensor: the source
/// runs the model on each batch itself and hands back the requested named outputs.
///
/// **The evaluation contract.** During ``forEachBatch(fetches:_:)`` the source must:
/// - run the model in evaluation mode: no dropout, batch normalisation with its running
///   statistics, no gradients, no update operations, no optimizer step;
/// - leave the training state as it found it (weights, optimizer, moving statistics,
///   the training data's position and RNG). The runner itself does not change
///   `globalStep` and fires no training callback events while a pass runs.
///
/// Each pass starts the validation data from its beginning; a pass may yield more or
/// fewer samples than ``sampleCount`` declared (the runner uses the samples it saw and
/// logs a warning), but never loops forever.
public protocol InferenceSource: AnyObject {
    /// Every output name a batch can return (e.g. `wrong-top1`, `cost`). Inferencers'
    /// fetches are validated against it when training starts.
    var outputNames: Set<String> { get }

    /// The number of samples one pass yields, when known (`nil`: unknown). Used for the
    /// progress line and to warn when a pass yields a different number.
    var sampleCount: Int? { get }

    /// Runs one full pass over the validation data in evaluation mode, calling `body`
    /// once per batch, in order, on the calling thread.
    /// - Parameters:
    ///   - fetches: the output names to return for every batch (a subset of ``outputNames``).
    ///   - body: receives the batch's requested outputs and its number of samples.
    /// - Throws: an error of the model or the data, or one thrown by `body` (stop the
    ///   pass and rethrow it).
    func forEachBatch(fetches: [String], _ body: (StepOutputs, _ batchSize: Int) throws -> Void) throws
}
