import LoomData
import LoomNN
import LoomTraining

/// The validation side of a ``ModelBackend`` run, for `InferenceRunner` and
/// `DataParallelInferenceRunner`: a validation `DataFlow` batched in order (the last batch
/// may be smaller), evaluated by the cost function on replicas of the training model.
///
/// Each replica is a model built by `makeModel` (same architecture and state names) into
/// which the training model's current parameters and buffers are copied at the start of a
/// pass (the first is built and checked when the source is made, so a mismatch is an
/// error before training starts; released replicas' models are reused); it runs the cost
/// function in evaluation mode (no dropout, BatchNorm running statistics, no gradient
/// recording, no update ops), so a pass never touches the training model, its optimizers
/// or the training data. The cost function must use the
/// `model` it is given (not a captured one) for replicas to work.
///
/// Outputs per batch: `cost` and the backend's named outputs, e.g. `mse` for
/// `ScalarStats("mse", prefix: "val")` (the stat `val_mse`).
public final class ModelInferenceSource<Samples: DataFlow, Batch>: ParallelInferenceSource {
    /// The training model whose weights replicas copy.
    public let model: Model
    /// The batched validation data (in order, last batch kept).
    public let batches: BatchData<Samples>
    /// Every output a batch can return.
    public let outputNames: Set<String>
    private let declared: [String]
    private let convert: (Datapoint) throws -> Batch
    private let cost: (Model, Batch, CostContext) throws -> ModelOutputs
    private let makeModel: () throws -> Model
    private let spares = SpareReplicaModels<Model>()

    /// Creates a source evaluating `backend`'s cost function.
    /// - Parameters:
    ///   - samples: The validation samples (unbatched; this source batches them).
    ///   - batchSize: Samples per batch.
    ///   - backend: The training backend (its model is read, never changed; its batch
    ///     conversion, cost function and outputs are used).
    ///   - makeModel: Builds a model with the same architecture and state names (its own
    ///     initial weights are overwritten).
    /// - Throws: A bad batch size, an error of the flow's `resetState()` or of `makeModel`,
    ///   or ``EngineError/state(_:)`` when the model it builds does not match the backend's.
    public init<Flow>(samples: Samples, batchSize: Int, backend: ModelBackend<Flow, Batch>,
                      makeModel: @escaping () throws -> Model) throws {
        batches = try BatchData(samples, batchSize: batchSize, remainder: .keep)
        try batches.resetState()
        model = backend.model
        declared = backend.declaredOutputs
        outputNames = backend.outputNames
        convert = backend.convert
        cost = backend.costFunction
        self.makeModel = makeModel
        spares.put(try loaded(makeModel()))
    }

    /// The number of validation samples, when the flow knows it.
    public var sampleCount: Int? { batches.upstream.count }

    /// Reads one pass of validation batches in order, on the calling thread.
    public func forEachInput(_ body: (CountedBatch<Batch>) throws -> Void) throws {
        var iterator = batches.makeIterator()
        while let datapoint = try iterator.next() {
            try body(CountedBatch(batch: try convert(datapoint), count: datapoint.first?.shape.first ?? 0))
        }
    }

    /// An evaluation model holding the training model's current weights: the model of a
    /// released replica when there is one (its weights reloaded), else a new one.
    /// - Throws: ``EngineError/state(_:)`` when the built model's state names differ.
    public func makeReplica() throws -> any InferenceReplica<CountedBatch<Batch>> {
        let replica = try loaded(spares.take() ?? makeModel())
        return ModelReplica(model: replica, cost: cost, declared: declared) { [spares] in spares.put($0) }
    }

    /// `replica` in evaluation mode with the training model's current state.
    private func loaded(_ replica: Model) throws -> Model {
        do {
            try replica.copyState(from: model)
        } catch {
            throw EngineError.state("the replica model does not match the training model: \(error.description)")
        }
        replica.isTraining = false
        return replica
    }
}

/// A batch with its number of samples, as ``ModelInferenceSource`` hands it to replicas.
public struct CountedBatch<Batch> {
    /// The batch.
    public let batch: Batch
    /// Its number of samples.
    public let count: Int
}
