import LoomTensor

extension Loss {
    /// Softmax cross-entropy of a batch of sequences, averaged over the tokens the mask keeps
    /// (padding excluded): `Σ mask·(−log softmax(logits)[target]) / Σ mask`.
    ///
    /// Targets at masked positions are ignored and may hold anything (e.g. a padding id of
    /// -1). When the mask keeps no token the loss is 0, with zero gradients.
    /// - Parameters:
    ///   - logits: `[batch, time, vocabulary]` unnormalised scores.
    ///   - targets: `[batch, time]` token ids in `0..<vocabulary` where the mask is 1.
    ///   - mask: `[batch, time]`, 1 for tokens that count and 0 for padding; `nil` counts all.
    /// - Returns: A scalar.
    public static func sequenceCrossEntropy(logits: Tensor, targets: IndexTensor, mask: Tensor? = nil) -> Tensor {
        precondition(logits.rank == 3 && targets.shape == Array(logits.shape.prefix(2)),
                     "sequenceCrossEntropy: logits \(logits.shape) and targets \(targets.shape): need [batch, time, vocabulary] and [batch, time]")
        let weights = mask ?? Tensor(ones: targets.shape)
        precondition(weights.shape == targets.shape, "sequenceCrossEntropy: mask \(weights.shape) must match targets \(targets.shape)")
        let keep = weights.scalars
        precondition(keep.allSatisfy { $0 == 0 || $0 == 1 }, "sequenceCrossEntropy: the mask must hold only 0 and 1")
        let vocabulary = logits.shape[2]
        var picked = targets.indices
        for position in picked.indices where keep[position] != 0 {
            let target = picked[position]
            precondition(target >= 0 && target < vocabulary,
                         "sequenceCrossEntropy: target \(target) at position \(position) is outside 0..<\(vocabulary); mask it or fix the vocabulary")
        }
        for position in picked.indices where keep[position] == 0 { picked[position] = 0 }
        let count = keep.reduce(0, +)
        guard count > 0 else { return (logits * 0).sum() }
        let chosen = logits.logSoftmax(alongAxis: 2)
            .taking(IndexTensor(shape: targets.shape + [1], indices: picked), alongAxis: 2)
            .reshaped(to: targets.shape)
        return -(chosen * weights.detached()).sum() / count
    }
}
