import LoomData
import LoomNN
import LoomTensor
import LoomTraining

/// The training backend of a `LoomNN` classifier: owns the model, its optimizer and a
/// resumable cursor over the batched training data, and runs one step per
/// ``runStep(_:)`` (next batch → forward in training mode → backward → optimizer update →
/// update ops only when asked → the requested outputs).
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
    /// The resumable position in the training data (one datapoint = one batch).
    public let cursor: DataCursor<Flow>
    /// The output names, as a set for request checks.
    public let outputNames: Set<String>

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
        cursor = try DataCursor(data)
        outputNames = Set(ClassifierOutputs.outputNames)
    }

    /// The scalar outputs smoothed by `MovingAverageSummary`.
    public var movingAverageNames: [String] { ["cost", "cross_entropy_loss", "train-error-top1"] }

    /// Reads the next batch from the training data, as tensors.
    /// - Returns: The batch.
    /// - Throws: An error of the flow, ``EngineError`` when the batch does not fit the model.
    public func nextBatch() throws -> ClassifierBatch {
        let datapoint: Datapoint
        do {
            datapoint = try cursor.next()
        } catch DataFlowError.empty {
            throw EngineError.emptyData("the training data")
        }
        return try ClassifierBatch(datapoint, inputShape: classifier.inputShape, classes: classifier.classes)
    }

    /// Runs one training step on the next batch (see ``step(_:request:)``).
    public func runStep(_ request: StepRequest) throws -> StepOutputs {
        try step(try nextBatch(), request: request)
    }

    /// Runs one training step on `batch`: forward in training mode, backward, optimizer
    /// update; the model's update ops run when `request.runUpdateOps` and are discarded
    /// otherwise.
    /// - Parameters:
    ///   - batch: The batch.
    ///   - request: The outputs to copy out, update ops, summaries.
    /// - Returns: Exactly the requested outputs, and the summaries when asked.
    /// - Throws: ``EngineError/unknownOutput(_:known:)`` (before anything runs).
    public func step(_ batch: ClassifierBatch, request: StepRequest) throws -> StepOutputs {
        for name in request.fetches where !outputNames.contains(name) {
            throw EngineError.unknownOutput(name, known: ClassifierOutputs.outputNames)
        }
        // Only the requested outputs' error vectors are computed (a top-k search each).
        let result = classifier.trainStep(images: batch.images, labels: batch.labels, optimizer: optimizer,
                                          errorVectors: ClassifierOutputs.ErrorVectors(outputs: request.fetches))
        if request.runUpdateOps { classifier.model.applyUpdateOps() } else { classifier.model.discardUpdateOps() }
        var outputs = StepOutputs()
        if !request.fetches.isEmpty {
            outputs.values.reserveCapacity(request.fetches.count)
            for name in request.fetches where outputs.values[name] == nil {
                outputs.values[name] = result.value(named: name)
            }
        }
        if request.summaries { outputs.summaries = makeSummaries() }
        return outputs
    }

    // MARK: - Hyperparameters

    /// The optimizer's hyperparameter names (`learning_rate`, …).
    public var hyperparameterNames: [String] { optimizer.hyperparameterNames }

    /// The optimizer's current value of `name`.
    /// - Throws: ``EngineError/hyperparameter(_:)`` naming the known hyperparameters.
    public func hyperparameter(_ name: String) throws -> Double {
        do { return try optimizer.hyperparameter(name) } catch { throw EngineError.hyperparameter(error.description) }
    }

    /// Sets the optimizer's `name`; the next step uses it.
    /// - Throws: ``EngineError/hyperparameter(_:)`` for an unknown name or a bad value.
    public func setHyperparameter(_ name: String, to value: Double) throws {
        do { try optimizer.setHyperparameter(name, value) } catch { throw EngineError.hyperparameter(error.description) }
    }
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
