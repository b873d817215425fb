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
        Tensor(shape: labels.shape, scalars: wrongVectors(logits: logits, labels: labels, ks: [k])[0])
    }

    /// The per-sample wrong vectors for several k at once, from one pass over the logits.
    ///
    /// A label is among the top k when fewer than k classes rank above it: a class ranks
    /// above when its logit is greater, or equal with a lower index (NaN counts as −∞), the
    /// order ``LoomTensor/Tensor/topK(_:alongAxis:)`` uses. A label outside `0..<C` is wrong.
    /// - Parameters:
    ///   - logits: `[N, C]` scores.
    ///   - labels: `[N]` class indices.
    ///   - ks: The k values (each clamped to `1...C`).
    /// - Returns: One `[N]` array of 0/1 per k, in the order of `ks`.
    public static func wrongVectors(logits: Tensor, labels: IndexTensor, ks: [Int]) -> [[Float]] {
        precondition(logits.rank == 2 && labels.shape == [logits.shape[0]],
                     "wrongTopK: logits \(logits.shape) and labels \(labels.shape): need [N, C] and [N]")
        let classes = logits.shape[1]
        let depths = ks.map { min(max($0, 1), classes) }
        var wrong = depths.map { _ in [Float](repeating: 1, count: labels.indices.count) }
        logits.withUnsafeBufferPointer { scores in
            for (row, label) in labels.indices.enumerated() where label >= 0 && label < classes {
                let base = row * classes
                func value(_ column: Int) -> Float {
                    let x = scores[base + column]
                    return x.isNaN ? -.infinity : x
                }
                let own = value(label)
                var above = 0
                for column in 0..<label where value(column) >= own { above += 1 }
                for column in (label + 1)..<classes where value(column) > own { above += 1 }
                for (position, depth) in depths.enumerated() where above < depth { wrong[position][row] = 0 }
            }
        }
        return wrong
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
