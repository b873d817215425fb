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
public final class DataParallelClassifierBackend: TrainingBackend {
    /// The data-parallel model.
    public let parallel: DataParallelClassifier
    private let nextBatch: () throws -> (images: Tensor, labels: [Int32])

    /// Creates the backend.
    /// - Parameters:
    ///   - parallel: The data-parallel model (already synchronized).
    ///   - nextBatch: This rank's next batch (see ``DataShard`` for which samples).
    public init(parallel: DataParallelClassifier, nextBatch: @escaping () throws -> (images: Tensor, labels: [Int32])) {
        self.parallel = parallel
        self.nextBatch = nextBatch
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

    /// The model's parameters and buffers, then the optimizer's slots (`optimizer/…`).
    public func exportState() throws -> [NamedArray] {
        let model = parallel.classifier.model
        let arrays = model.stateArrays() + parallel.optimizer.stateArrays(for: model.namedParameters())
        return arrays.map { NamedArray(name: $0.name, shape: $0.shape, values: $0.values) }
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
