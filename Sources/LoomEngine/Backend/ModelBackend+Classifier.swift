import LoomData
import LoomNN
import LoomTraining

extension ModelBackend where Batch == ClassifierBatch {
    /// The classifier recipe of the general backend: softmax cross-entropy plus weight
    /// decay as the cost, the outputs ``LoomNN/ClassifierOutputs/outputNames`` (the
    /// per-sample error vectors computed only when requested), moving averages of `cost`,
    /// `cross_entropy_loss` and `train-error-top1`. ``ClassifierBackend`` is this recipe;
    /// a data-parallel classifier is this recipe with a data-parallel `step`.
    /// - Parameters:
    ///   - classifier: The model (its input shape and class count decide how batches are read).
    ///   - optimizer: The optimizer of every parameter.
    ///   - cursor: Batches of `[images, labels]`; passes repeat endlessly.
    ///   - batch: Converts a datapoint to a batch; `nil` reads `[images, labels]` for the
    ///     classifier's input shape and classes.
    ///   - step: A custom training step; `nil` for the default one.
    /// - Throws: ``EngineError/parameterGroup(_:)`` for a classifier without parameters.
    public convenience init(classifier: ClassifierModel, optimizer: Optimizer, cursor: DataCursor<Flow>,
                            batch: ((Datapoint) throws -> ClassifierBatch)? = nil, step: TrainingStep? = nil) throws {
        let inputShape = classifier.inputShape, classes = classifier.classes
        try self.init(
            model: classifier.model, optimizers: [.all(optimizer)], cursor: cursor, outputs: ClassifierOutputs.outputNames,
            movingAverages: ["cost", "cross_entropy_loss", "train-error-top1"], sampleShapes: .variable,
            batch: batch ?? { try ClassifierBatch($0, inputShape: inputShape, classes: classes) },
            cost: { _, batch, context in
                // Only the requested outputs' error vectors are computed (a top-k search each).
                let (cost, outputs) = classifier.lossAndOutputs(images: batch.images, labels: batch.labels, training: context.isTraining,
                                                                errorVectors: ClassifierOutputs.ErrorVectors(outputs: context.requested))
                return ModelOutputs(cost: cost, names: ClassifierOutputs.outputNames) { outputs.value(named: $0) }
            },
            step: step)
    }
}
