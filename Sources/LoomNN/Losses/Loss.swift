import LoomTensor

/// Loss functions and regularisers. Each returns a scalar tensor that carries gradients.
public enum Loss {
    /// Mean softmax cross-entropy of `[N, C]` logits against integer labels (stable for any
    /// finite logits).
    /// - Parameters:
    ///   - logits: `[N, C]` unnormalised scores.
    ///   - labels: `[N]` class indices in `0..<C`.
    /// - Returns: A scalar: `−mean_n log softmax(logits_n)[label_n]`.
    public static func softmaxCrossEntropy(logits: Tensor, labels: IndexTensor) -> Tensor {
        Tensor.softmaxCrossEntropy(logits: logits, labels: labels)
    }

    /// Mean binary cross-entropy of logits against targets in [0, 1], computed stably as
    /// `softplus(x) − x·y`.
    /// - Parameters:
    ///   - logits: Any shape.
    ///   - targets: The same shape, values in [0, 1].
    /// - Returns: A scalar, the mean over all elements.
    public static func binaryCrossEntropy(logits: Tensor, targets: Tensor) -> Tensor {
        precondition(logits.shape == targets.shape, "binaryCrossEntropy: logits \(logits.shape) and targets \(targets.shape) differ")
        return (logits.softplus() - logits * targets).mean()
    }

    /// Mean squared error over all elements.
    /// - Parameters:
    ///   - predictions: Any shape.
    ///   - targets: The same shape.
    /// - Returns: A scalar: `mean((p − t)²)`.
    public static func meanSquaredError(_ predictions: Tensor, _ targets: Tensor) -> Tensor {
        precondition(predictions.shape == targets.shape, "meanSquaredError: predictions \(predictions.shape) and targets \(targets.shape) differ")
        let difference = predictions - targets
        return (difference * difference).mean()
    }

    /// L2 weight decay: `weightDecay / 2 · Σ w²` over the parameters whose names pass `filter`
    /// (its gradient is `weightDecay · w`), as TensorFlow's `l2_loss` times a factor.
    /// - Parameters:
    ///   - parameters: Named parameters (e.g. ``Model/namedParameters()``).
    ///   - weightDecay: The factor.
    ///   - filter: Which names to regularise; default: names ending in `/W` (weights, not
    ///     biases or BatchNorm parameters).
    /// - Returns: A scalar (zero when nothing passes the filter).
    public static func l2Regularization(_ parameters: [(name: String, parameter: Parameter)], weightDecay: Float,
                                        filter: (String) -> Bool = isWeight) -> Tensor {
        var total: Tensor?
        for (name, parameter) in parameters where filter(name) {
            let term = (parameter.value * parameter.value).sum()
            total = total.map { $0 + term } ?? term
        }
        guard let total else { return Tensor(0) }
        return total * (weightDecay / 2)
    }

    /// Whether a state name is a weight (ends in `W`, e.g. `conv1/W` or a root-level `W`).
    public static func isWeight(_ name: String) -> Bool { name == "W" || name.hasSuffix("/W") }
}
