import LoomData
import LoomEngine
import LoomNN
import LoomTensor
import LoomTraining

/// A ``LoomTraining/TrainingBackend`` that trains a ``DataParallelClassifier``: each step
/// pulls this rank's next batch, runs the data-parallel step, and returns the scalars
/// averaged over the ranks, so monitors (and the chief's stats.json) see the whole job's
/// loss, not one rank's.
///
/// Outputs: `cost`, `cross_entropy_loss`, `regularize_cost`, `train-error-top1`,
/// `train-error-top5` (averaged), and `wrong-top1`, `wrong-top5` (this rank's samples).
///
/// Exact resume: built over a ``LoomData/DataCursor`` (``init(parallel:cursor:makeBatch:)``)
/// the backend exports the cursor's position and the model's dropout generator
/// (``exportResumeState()``), the same on every rank, so a resumed job continues with the
/// same global batches.
public final class DataParallelClassifierBackend: TrainingBackend {
    /// The data-parallel model.
    public let parallel: DataParallelClassifier
    private let nextBatch: () throws -> (images: Tensor, labels: [Int32])
    /// The data position (nil: the batches come from a closure, no exact resume).
    let dataPosition: (() -> DataPosition)?
    /// Moves the data to a saved position.
    let restoreDataPosition: ((DataPosition) throws -> Void)?

    /// Creates the backend.
    /// - Parameters:
    ///   - parallel: The data-parallel model (already synchronized).
    ///   - nextBatch: This rank's next batch (see ``DataShard`` for which samples).
    public init(parallel: DataParallelClassifier, nextBatch: @escaping () throws -> (images: Tensor, labels: [Int32])) {
        self.parallel = parallel
        self.nextBatch = nextBatch
        dataPosition = nil
        restoreDataPosition = nil
    }

    /// Creates a backend that pulls its batches from `cursor` and can resume exactly.
    /// - Parameters:
    ///   - parallel: The data-parallel model (already synchronized).
    ///   - cursor: This rank's batches (e.g. over ``ShardedBatches``), at the same position on every rank.
    ///   - makeBatch: Turns a datapoint into images and labels.
    public init<Flow: DataFlow>(parallel: DataParallelClassifier, cursor: DataCursor<Flow>,
                                makeBatch: @escaping (Datapoint) throws -> (images: Tensor, labels: [Int32])) {
        self.parallel = parallel
        nextBatch = { try makeBatch(try cursor.next()) }
        dataPosition = { cursor.position }
        restoreDataPosition = { try cursor.restore($0) }
    }

    public var outputNames: Set<String> { Set(ClassifierOutputs.outputNames) }

    public var movingAverageNames: [String] { ["cost", "cross_entropy_loss", "train-error-top1"] }

    public func runStep(_ request: StepRequest) throws -> StepOutputs {
        for name in request.fetches where !outputNames.contains(name) {
            throw DistributedTrainingError.unknownOutput(name, known: ClassifierOutputs.outputNames)
        }
        let batch = try nextBatch()
        let (local, averaged) = try parallel.trainStep(images: batch.images, labels: batch.labels, runUpdateOps: request.runUpdateOps)
        var values: [String: StepValue] = [:]
        for name in request.fetches {
            if let scalar = averaged.named.first(where: { $0.name == name }) {
                values[name] = .scalar(Double(scalar.value))
            } else if name == "wrong-top1" {
                values[name] = .array(shape: [local.wrongTop1.count], values: local.wrongTop1)
            } else if name == "wrong-top5" {
                values[name] = .array(shape: [local.wrongTopK.count], values: local.wrongTopK)
            }
        }
        return StepOutputs(values: values)
    }

    public var hyperparameterNames: [String] { parallel.optimizer.hyperparameterNames }

    public func hyperparameter(_ name: String) throws -> Double {
        try parallel.optimizer.hyperparameter(name)
    }

    public func setHyperparameter(_ name: String, to value: Double) throws {
        try parallel.optimizer.setHyperparameter(name, value)
    }

    /// The model's parameters and buffers, then the optimizer's state (`optimizer/step`,
    /// `optimizer/<param>/<slot>`). Every slot of every parameter is listed, zeros before
    /// its first update, so the names never depend on how far training went (a checkpoint
    /// matches a fresh backend, which a resume needs).
    public func exportState() throws -> [NamedArray] {
        let model = parallel.classifier.model
        return model.stateArrays().map { NamedArray(name: $0.name, shape: $0.shape, values: $0.values) }
            + parallel.optimizer.checkpointArrays(for: model.namedParameters(), prefix: "optimizer/")
    }

    /// Restores a state from ``exportState()``: every rank loads the same checkpoint.
    public func importState(_ arrays: [NamedArray]) throws {
        let model = parallel.classifier.model
        let modelNames = Set(model.stateNames)
        let state = arrays.map { StateArray(name: $0.name, shape: $0.shape, values: $0.values) }
        try model.load(state.filter { modelNames.contains($0.name) })
        try parallel.optimizer.load(state.filter { !modelNames.contains($0.name) }, for: model.namedParameters())
    }
}
