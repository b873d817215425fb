/// An ``InferenceSource`` whose model can run on several threads at once, for
/// ``DataParallelInferenceRunner``: the data side (``forEachInput(_:)``, on the calling
/// thread) is apart from the model side (``InferenceReplica``, one per worker thread).
///
/// Conforming also provides ``InferenceSource/forEachBatch(fetches:_:)`` for free (one
/// replica on the calling thread), so the same source serves an ``InferenceRunner``.
///
/// Batches are handed from the calling thread to a worker thread: a batch must be a
/// value (or otherwise safe to use from another thread once handed over).
public protocol ParallelInferenceSource: InferenceSource {
    /// The batch type of the validation data.
    associatedtype Batch

    /// Reads one full pass of validation batches, in order, on the calling thread (data
    /// only: no model work here).
    /// - Parameter body: receives each batch; when it throws, stop and rethrow.
    /// - Throws: an error of the data, or one thrown by `body`.
    func forEachInput(_ body: (Batch) throws -> Void) throws

    /// Makes a replica of the evaluation model with the current weights, shared
    /// read-only. Called at the start of each pass, once per worker; replicas are
    /// released at the end of the pass.
    /// - Throws: when the replica cannot be made.
    func makeReplica() throws -> any InferenceReplica<Batch>
}

extension ParallelInferenceSource {
    /// One pass on the calling thread with a single replica.
    public func forEachBatch(fetches: [String], _ body: (StepOutputs, _ batchSize: Int) throws -> Void) throws {
        let replica = try makeReplica()
        try forEachInput { batch in
            let result = try replica.infer(batch, fetches: fetches)
            try body(result.outputs, result.batchSize)
        }
    }
}
