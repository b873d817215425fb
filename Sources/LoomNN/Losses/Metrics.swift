import LoomTensor

/// Per-sample metric vectors for classification: averaging them over a whole dataset gives
/// exact error rates even when the last batch is smaller.
public enum Metrics {
    /// 1 for each sample whose label is not among the `k` highest logits, else 0.
    ///
    /// Ties are broken towards the lower class index (as ``LoomTensor/Tensor/topK(_:alongAxis:)``).
    /// - Parameters:
    ///   - logits: `[N, C]` scores.
    ///   - labels: `[N]` class indices.
    ///   - k: How many top classes count as correct; clamped to `1...C`.
    /// - Returns: `[N]` values, each 0 or 1 (no gradient).
    public static func wrongTopK(logits: Tensor, labels: IndexTensor, k: Int) -> Tensor {
        precondition(logits.rank == 2 && labels.shape == [logits.shape[0]],
                     "wrongTopK: logits \(logits.shape) and labels \(labels.shape): need [N, C] and [N]")
        let classes = logits.shape[1]
        let depth = min(max(k, 1), classes)
        let top = logits.detached().topK(depth, alongAxis: 1).indices
        var wrong = [Float](repeating: 1, count: labels.indices.count)
        for (row, label) in labels.indices.enumerated() {
            for column in 0..<depth where top[row * depth + column] == label {
                wrong[row] = 0
                break
            }
        }
        return Tensor(shape: [labels.indices.count], scalars: wrong)
    }

    /// The fraction of samples whose highest logit is their label.
    /// - Parameters:
    ///   - logits: `[N, C]` scores.
    ///   - labels: `[N]` class indices.
    /// - Returns: A value in [0, 1] (0 for an empty batch).
    public static func accuracy(logits: Tensor, labels: IndexTensor) -> Float {
        let wrong = wrongTopK(logits: logits, labels: labels, k: 1).scalars
        guard !wrong.isEmpty else { return 0 }
        return 1 - wrong.reduce(0, +) / Float(wrong.count)
    }
}
