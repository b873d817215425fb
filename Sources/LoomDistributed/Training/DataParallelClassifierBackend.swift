import LoomData
import LoomEngine
import LoomNN
import LoomTensor
import LoomTraining

/// A ``LoomTraining/TrainingBackend`` that trains a ``DataParallelClassifier``: the
/// classifier recipe of ``LoomEngine/ModelBackend`` (as `ClassifierBackend` is) with the
/// data-parallel step (``DataParallelModelStep``), so the step, state export and import,
/// hyperparameters, summaries and exact resume are the single-process backend's. Each
/// step pulls this rank's next batch and returns the scalars averaged over the ranks, so
/// monitors (and the chief's stats.json) see the whole job's loss, not one rank's.
///
/// Outputs: `cost`, `cross_entropy_loss`, `regularize_cost`, `train-error-top1`,
/// `train-error-top5` (averaged), and `wrong-top1`, `wrong-top5` (this rank's samples).
///
/// Exact resume: built over a ``LoomData/DataCursor`` (``init(parallel:cursor:)``) the
/// backend exports the cursor's position and the model's dropout generator
/// (``exportResumeState()``), the same on every rank, so a resumed job continues with the
/// same global batches.
public final class DataParallelClassifierBackend: TrainingBackend {
    /// The data-parallel model.
    public let parallel: DataParallelClassifier
    /// The general backend, or why it could not be built (thrown by every step).
    private let backend: Result<any ClassifierBatchBackend, any Error>
    /// This rank's next batch when it comes from a closure (nil: from the backend's cursor).
    private let nextBatch: (() throws -> ClassifierBatch)?

    /// Creates the backend.
    /// - Parameters:
    ///   - parallel: The data-parallel model (already synchronized).
    ///   - nextBatch: This rank's next batch (see ``DataShard`` for which samples).
    public init(parallel: DataParallelClassifier, nextBatch: @escaping () throws -> (images: Tensor, labels: [Int32])) {
        self.parallel = parallel
        self.nextBatch = { let batch = try nextBatch(); return ClassifierBatch(images: batch.images, labels: IndexTensor(batch.labels.map { Int($0) })) }
        // The backend's own data is empty: every step's batch comes from the closure.
        backend = Result {
            try Self.backend(parallel, cursor: try DataCursor(try ArrayDataFlow(columns: [.floats(shape: [0], values: [])])), batch: nil)
        }
    }

    /// Creates a backend that pulls its batches from `cursor` and can resume exactly.
    /// - Parameters:
    ///   - parallel: The data-parallel model (already synchronized).
    ///   - cursor: This rank's batches (e.g. over ``ShardedBatches``), at the same position on every rank.
    ///   - makeBatch: Turns a datapoint into images and labels.
    public init<Flow: DataFlow>(parallel: DataParallelClassifier, cursor: DataCursor<Flow>,
                                makeBatch: @escaping (Datapoint) throws -> (images: Tensor, labels: [Int32])) {
        self.parallel = parallel
        nextBatch = nil
        backend = Result {
            try Self.backend(parallel, cursor: cursor) { datapoint in
                let batch = try makeBatch(datapoint)
                return ClassifierBatch(images: batch.images, labels: IndexTensor(batch.labels.map { Int($0) }))
            }
        }
    }

    /// Creates a backend over `cursor` whose datapoints are `[images, labels]` batches for
    /// the classifier's input shape and classes; it can resume exactly.
    /// - Parameters:
    ///   - parallel: The data-parallel model (already synchronized).
    ///   - cursor: This rank's batches (e.g. over ``ShardedBatches``), at the same position on every rank.
    public init<Flow: DataFlow>(parallel: DataParallelClassifier, cursor: DataCursor<Flow>) {
        self.parallel = parallel
        nextBatch = nil
        backend = Result { try Self.backend(parallel, cursor: cursor, batch: nil) }
    }

    private static func backend<Flow: DataFlow>(_ parallel: DataParallelClassifier, cursor: DataCursor<Flow>,
                                                batch: ((Datapoint) throws -> ClassifierBatch)?) throws -> any ClassifierBatchBackend {
        let step = parallel.modelStep
        return try ModelBackend(classifier: parallel.classifier, optimizer: parallel.optimizer, cursor: cursor, batch: batch,
                                step: { try step.step($0, $1, $2) })
    }

    /// The classifier's outputs (``LoomNN/ClassifierOutputs/outputNames``).
    public var outputNames: Set<String> { Set(ClassifierOutputs.outputNames) }

    /// `cost`, `cross_entropy_loss` and `train-error-top1`, as the single-process classifier.
    public var movingAverageNames: [String] { (try? backend.get())?.movingAverageNames ?? [] }

    /// A histogram and the L2 norm of every parameter, as the single-process classifier.
    public var summaryNames: [String] { (try? backend.get())?.summaryNames ?? [] }

    /// One data-parallel step on this rank's next batch (every rank must call it): the
    /// averaged scalars and this rank's requested vectors.
    /// - Throws: ``LoomEngine/EngineError/unknownOutput(_:known:)``, an error of the data, or a transport error.
    public func runStep(_ request: StepRequest) throws -> StepOutputs {
        let backend = try backend.get()
        guard let nextBatch else { return try backend.runStep(request) }
        return try backend.step(try nextBatch(), request: request)
    }

    /// The optimizer's hyperparameter names (`learning_rate`, …).
    public var hyperparameterNames: [String] { parallel.optimizer.hyperparameterNames }

    /// The optimizer's current value of `name`.
    /// - Throws: ``LoomEngine/EngineError/hyperparameter(_:)`` naming the known hyperparameters.
    public func hyperparameter(_ name: String) throws -> Double { try backend.get().hyperparameter(name) }

    /// Sets the optimizer's `name` on this rank (``HyperParamBroadcast`` keeps the ranks equal).
    /// - Throws: ``LoomEngine/EngineError/hyperparameter(_:)`` for an unknown name or a bad value.
    public func setHyperparameter(_ name: String, to value: Double) throws { try backend.get().setHyperparameter(name, to: value) }

    /// The model's parameters and buffers, then the optimizer's state (`optimizer/step`,
    /// `optimizer/<param>/<slot>`), as `ClassifierBackend` exports them.
    public func exportState() throws -> [NamedArray] { try backend.get().exportState() }

    /// Restores a state from ``exportState()``: every rank loads the same checkpoint.
    public func importState(_ arrays: [NamedArray]) throws { try backend.get().importState(arrays) }

    /// The data position and the dropout generator state, stored like `ClassifierBackend`'s.
    /// Empty for a backend built over a batch closure.
    public func exportResumeState() throws -> BackendResumeState {
        nextBatch == nil ? try backend.get().exportResumeState() : BackendResumeState()
    }

    /// Restores a state made by ``exportResumeState()`` (every rank gets rank 0's). An
    /// empty state leaves the data position and generator as they are.
    /// - Throws: ``DistributedTrainingError/resumeState(_:)`` when the backend reads its
    ///   batches from a closure; the backend's error when the state does not fit its data.
    public func importResumeState(_ state: BackendResumeState) throws {
        if state.isEmpty { return }
        guard nextBatch == nil else {
            throw DistributedTrainingError.resumeState("this backend reads batches from a closure and cannot move to a saved data "
                + "position; build it with init(parallel:cursor:)")
        }
        try backend.get().importResumeState(state)
    }
}
