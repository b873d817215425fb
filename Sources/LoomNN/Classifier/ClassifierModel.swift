import LoomTensor

/// A classification network with its loss configuration: softmax cross-entropy on integer
/// labels plus optional L2 weight decay on the weights whose names pass a filter.
///
/// ``step(images:labels:training:)`` computes the outputs; ``trainStep(images:labels:optimizer:)``
/// also back-propagates and updates. Update ops (BatchNorm statistics) queued by a training
/// step stay pending until ``Model/applyUpdateOps()`` or ``Model/discardUpdateOps()``.
public final class ClassifierModel {
    /// The network with its named state.
    public let model: Model
    /// The number of classes.
    public let classes: Int
    /// The input shape of one sample, e.g. `[1, 28, 28]` or `[784]`.
    public let inputShape: [Int]
    /// The L2 factor (0: no regularisation); see ``Loss/l2Regularization(_:weightDecay:filter:)``.
    public var weightDecay: Float
    /// Which parameter names the weight decay applies to.
    public let regularized: (String) -> Bool
    /// The k of the top-k error (5, or the class count when smaller).
    public var topK: Int

    /// Creates a classifier.
    /// - Parameters:
    ///   - network: Maps `[N] + inputShape` to `[N, classes]` logits.
    ///   - inputShape: The shape of one sample.
    ///   - classes: The class count.
    ///   - seed: The seed of the model's dropout generator.
    ///   - weightDecay: The L2 factor.
    ///   - regularized: Which names get weight decay (default: names ending in `/W`).
    public init(network: any Layer, inputShape: [Int], classes: Int, seed: UInt64 = 0, weightDecay: Float = 0,
                regularized: @escaping (String) -> Bool = Loss.isWeight) {
        model = Model(network, seed: seed)
        self.inputShape = inputShape
        self.classes = classes
        self.weightDecay = weightDecay
        self.regularized = regularized
        topK = min(5, classes)
    }

    /// Computes logits, losses and per-sample error vectors.
    /// - Parameters:
    ///   - images: `[N] + inputShape`.
    ///   - labels: `[N]` class indices.
    ///   - training: The mode to run in (training queues update ops and applies dropout).
    /// - Returns: The outputs (no gradient is recorded).
    public func step(images: Tensor, labels: IndexTensor, training: Bool) -> ClassifierOutputs {
        Tensor.withoutGradients { lossAndOutputs(images: images, labels: labels, training: training).outputs }
    }

    /// One training step: clears gradients, runs forward in training mode, back-propagates the
    /// cost and lets `optimizer` update every parameter. Update ops stay pending.
    /// - Parameters:
    ///   - images: `[N] + inputShape`.
    ///   - labels: `[N]` class indices.
    ///   - optimizer: The optimizer to apply.
    ///   - errorVectors: The per-sample error vectors to compute (default: both).
    /// - Returns: The step's outputs (computed before the update).
    public func trainStep(images: Tensor, labels: IndexTensor, optimizer: Optimizer,
                          errorVectors: ClassifierOutputs.ErrorVectors = .all) -> ClassifierOutputs {
        model.zeroGradients()
        let outputs: ClassifierOutputs
        do {
            let (cost, result) = lossAndOutputs(images: images, labels: labels, training: true, errorVectors: errorVectors)
            cost.backward()
            outputs = result
        }
        optimizer.update(model.namedParameters())
        return outputs
    }

    /// The cost tensor (with its graph, for `backward()`) and the outputs.
    /// - Parameters:
    ///   - images: `[N] + inputShape`.
    ///   - labels: `[N]` class indices.
    ///   - training: The mode to run in.
    ///   - errorVectors: The per-sample error vectors to compute (default: both); the others
    ///     stay empty.
    /// - Returns: The scalar cost and the plain outputs.
    public func lossAndOutputs(images: Tensor, labels: IndexTensor, training: Bool,
                               errorVectors: ClassifierOutputs.ErrorVectors = .all) -> (cost: Tensor, outputs: ClassifierOutputs) {
        precondition(Array(images.shape.dropFirst()) == inputShape,
                     "ClassifierModel: images \(images.shape) do not match the input shape \(inputShape) the model was built for")
        model.isTraining = training
        let logits = model(images)
        precondition(logits.shape == [images.shape[0], classes], "ClassifierModel: the network returned \(logits.shape), not [N, \(classes)]")
        let crossEntropy = Loss.softmaxCrossEntropy(logits: logits, labels: labels)
        var cost = crossEntropy
        var regularization: Float = 0
        if weightDecay > 0 {
            let penalty = Loss.l2Regularization(model.namedParameters(), weightDecay: weightDecay, filter: regularized)
            regularization = penalty.scalar
            cost = cost + penalty
        }
        let detached = logits.detached()
        // One top-k search serves both vectors; none runs when neither was asked for.
        let ks = (errorVectors.contains(.top1) ? [1] : []) + (errorVectors.contains(.topK) ? [topK] : [])
        let wrong = ks.isEmpty ? [] : Metrics.wrongVectors(logits: detached, labels: labels, ks: ks)
        let outputs = ClassifierOutputs(
            logits: detached, cost: cost.scalar, crossEntropy: crossEntropy.scalar, regularization: regularization,
            wrongTop1: errorVectors.contains(.top1) ? wrong[0] : [], wrongTopK: errorVectors.contains(.topK) ? wrong[ks.count - 1] : [],
            k: topK, computed: errorVectors)
        return (cost, outputs)
    }
}
