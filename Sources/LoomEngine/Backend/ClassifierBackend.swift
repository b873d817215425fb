import LoomData
import LoomNN
import LoomTensor
import LoomTraining

/// The training backend of a `LoomNN` classifier: one recipe of the general
/// ``ModelBackend`` (``ModelBackend/init(classifier:optimizer:cursor:batch:step:)``:
/// softmax cross-entropy plus weight decay as the cost, top-k error outputs), which owns
/// the model, its optimizer and a resumable cursor over the batched training data, and
/// runs one step per ``runStep(_:)`` (next batch → forward in training mode → backward →
/// optimizer update → update ops only when asked → the requested outputs).
///
/// ```swift
/// let data = try BatchData(ShuffleData(SyntheticDigits.train(), seed: 1), batchSize: 64)
/// let classifier = try ClassifierRecipe(.mlp).makeClassifier(sampleShape: [28, 28], classes: 10, seed: 1)
/// let backend = try ClassifierBackend(classifier: classifier, optimizer: .adam(learningRate: 1e-3), data: data)
/// ```
///
/// Outputs: the scalars `cost`, `cross_entropy_loss`, `regularize_cost`,
/// `train-error-top1`, `train-error-top5` and the per-sample vectors `wrong-top1`,
/// `wrong-top5`. Summaries (when asked): a histogram and an L2 norm (`<name>/norm`) of
/// every parameter (`conv1/W`, `fc/b`, …).
public final class ClassifierBackend<Flow: DataFlow>: TrainingBackend {
    /// The model being trained.
    public let classifier: ClassifierModel
    /// The optimizer that updates it.
    public let optimizer: Optimizer
    /// The general backend the classifier runs on.
    public let backend: ModelBackend<Flow, ClassifierBatch>

    /// Creates a backend.
    /// - Parameters:
    ///   - classifier: The model (its input shape and class count decide how batches are read).
    ///   - optimizer: The optimizer.
    ///   - data: Batches of `[images, labels]` (e.g. `BatchData` of `[image, label]`
    ///     datapoints); passes repeat endlessly.
    /// - Throws: An error of the flow's `resetState()`.
    public init(classifier: ClassifierModel, optimizer: Optimizer, data: Flow) throws {
        self.classifier = classifier
        self.optimizer = optimizer
        backend = try ModelBackend(classifier: classifier, optimizer: optimizer, cursor: try DataCursor(data))
    }

    /// The resumable position in the training data (one datapoint = one batch).
    public var cursor: DataCursor<Flow> { backend.cursor }

    /// The output names, as a set for request checks.
    public var outputNames: Set<String> { backend.outputNames }

    /// The scalar outputs smoothed by `MovingAverageSummary`.
    public var movingAverageNames: [String] { backend.movingAverageNames }

    /// Reads the next batch from the training data, as tensors.
    /// - Returns: The batch.
    /// - Throws: An error of the flow, ``EngineError`` when the batch does not fit the model.
    public func nextBatch() throws -> ClassifierBatch { try backend.nextBatch() }

    /// Runs one training step on the next batch (see ``step(_:request:)``).
    public func runStep(_ request: StepRequest) throws -> StepOutputs { try backend.runStep(request) }

    /// Runs one training step on `batch`: forward in training mode, backward, optimizer
    /// update; the model's update ops run when `request.runUpdateOps` and are discarded
    /// otherwise.
    /// - Parameters:
    ///   - batch: The batch.
    ///   - request: The outputs to copy out, update ops, summaries.
    /// - Returns: Exactly the requested outputs, and the summaries when asked.
    /// - Throws: ``EngineError/unknownOutput(_:known:)`` (before anything runs).
    public func step(_ batch: ClassifierBatch, request: StepRequest) throws -> StepOutputs {
        try backend.step(batch, request: request)
    }

    // MARK: - Hyperparameters

    /// The optimizer's hyperparameter names (`learning_rate`, …).
    public var hyperparameterNames: [String] { backend.hyperparameterNames }

    /// The optimizer's current value of `name`.
    /// - Throws: ``EngineError/hyperparameter(_:)`` naming the known hyperparameters.
    public func hyperparameter(_ name: String) throws -> Double { try backend.hyperparameter(name) }

    /// Sets the optimizer's `name`; the next step uses it.
    /// - Throws: ``EngineError/hyperparameter(_:)`` for an unknown name or a bad value.
    public func setHyperparameter(_ name: String, to value: Double) throws { try backend.setHyperparameter(name, to: value) }
}

extension ClassifierOutputs {
    /// The output `name` as a step value (scalars as `.scalar`, vectors as `.array`).
    func value(named name: String) -> StepValue? {
        switch name {
        case "cost": return .scalar(Double(cost))
        case "cross_entropy_loss": return .scalar(Double(crossEntropy))
        case "regularize_cost": return .scalar(Double(regularization))
        case "train-error-top1": return .scalar(Double(errorTop1))
        case "train-error-top5": return .scalar(Double(errorTopK))
        case "wrong-top1": return .array(shape: [wrongTop1.count], values: wrongTop1)
        case "wrong-top5": return .array(shape: [wrongTopK.count], values: wrongTopK)
        default: return nil
        }
    }
}
