extension Tensor {
    /// Softmax along `axis`, computed stably (the maximum is subtracted first).
    public func softmax(alongAxis axis: Int = -1) -> Tensor {
        let resolved = check { () throws(ShapeError) in try Shape.axis(axis, rank: rank, op: "softmax") }
        let result = Tensor.withoutGradients {
            let input = detached()
            let shifted = (input - input.max(alongAxes: [resolved], keepDims: true)).exp()
            return shifted / shifted.sum(alongAxes: [resolved], keepDims: true)
        }
        return Tensor.recorded(result.detached(), op: "softmax", inputs: self) { g in
            [result * (g - (g * result).sum(alongAxes: [resolved], keepDims: true))]
        }
    }

    /// Log-softmax along `axis`: `x - max - log(Σ exp(x - max))`, finite for any finite
    /// logits (e.g. ±1000).
    public func logSoftmax(alongAxis axis: Int = -1) -> Tensor {
        let resolved = check { () throws(ShapeError) in try Shape.axis(axis, rank: rank, op: "logSoftmax") }
        let result = Tensor.withoutGradients {
            let input = detached()
            let shifted = input - input.max(alongAxes: [resolved], keepDims: true)
            return shifted - shifted.exp().sum(alongAxes: [resolved], keepDims: true).log()
        }
        return Tensor.recorded(result.detached(), op: "logSoftmax", inputs: self) { g in
            [g - result.exp() * g.sum(alongAxes: [resolved], keepDims: true)]
        }
    }

    /// Mean softmax cross-entropy of `[N, C]` logits against `N` class labels, fused for
    /// speed and stability; its gradient is `(softmax - onehot) / N`.
    /// - Parameters:
    ///   - logits: `[N, C]` unnormalised scores.
    ///   - labels: `[N]` class indices in `0..<C`.
    /// - Returns: A scalar.
    public static func softmaxCrossEntropy(logits: Tensor, labels: IndexTensor) -> Tensor {
        check { () throws(ShapeError) in
            guard logits.rank == 2, labels.shape == [logits.shape[0]] else {
                throw ShapeError(op: "softmaxCrossEntropy", "logits \(logits.shape) and labels \(labels.shape): need [N, C] and [N]")
            }
        }
        let classes = logits.shape[1], batch = logits.shape[0]
        let logProbabilities = Tensor.withoutGradients { logits.detached().logSoftmax(alongAxis: 1) }
        var total: Float = 0
        for (row, label) in labels.indices.enumerated() {
            precondition(label >= 0 && label < classes, "softmaxCrossEntropy: label \(label) is out of range 0..<\(classes)")
            total -= logProbabilities.data[row * classes + label]
        }
        let result = Tensor(total / Float(Swift.max(batch, 1)))
        return recorded(result, op: "softmaxCrossEntropy", inputs: logits) { g in
            var gradient = logProbabilities.exp()
            gradient -= Tensor(oneHot: labels, depth: classes)
            return [gradient * (g / Float(Swift.max(batch, 1)))]
        }
    }
}
