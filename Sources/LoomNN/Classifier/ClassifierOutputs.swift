import LoomTensor

/// What one classifier step produces, as plain values (no graph attached).
public struct ClassifierOutputs {
    /// The `[N, C]` logits (detached).
    public var logits: Tensor
    /// The total loss: cross-entropy plus regularisation.
    public var cost: Float
    /// The mean softmax cross-entropy.
    public var crossEntropy: Float
    /// The L2 regularisation term (0 without weight decay).
    public var regularization: Float
    /// `[N]`: 1 where the label is not the top-1 class; empty when the step did not compute
    /// it (see ``computed``).
    public var wrongTop1: [Float]
    /// `[N]`: 1 where the label is not among the top-k classes (k = 5, or C when smaller);
    /// empty when the step did not compute it (see ``computed``).
    public var wrongTopK: [Float]
    /// The k of ``wrongTopK``.
    public var k: Int
    /// The error vectors the step computed (``ErrorVectors/all`` unless asked for fewer).
    public var computed: ErrorVectors = .all

    /// The mean of ``wrongTop1`` (the batch's top-1 error); 0 when it was not computed.
    public var errorTop1: Float { wrongTop1.isEmpty ? 0 : wrongTop1.reduce(0, +) / Float(wrongTop1.count) }

    /// The mean of ``wrongTopK``; 0 when it was not computed.
    public var errorTopK: Float { wrongTopK.isEmpty ? 0 : wrongTopK.reduce(0, +) / Float(wrongTopK.count) }

    /// The scalar summaries a trainer keeps moving averages of: `cost`,
    /// `cross_entropy_loss`, `regularize_cost`, `train-error-top1`, `train-error-top5`.
    public var scalarSummaries: [(name: String, value: Float)] {
        [("cost", cost), ("cross_entropy_loss", crossEntropy), ("regularize_cost", regularization),
         ("train-error-top1", errorTop1), ("train-error-top5", errorTopK)]
    }

    /// Every named output with its shape: the scalars `cost`, `cross_entropy_loss`,
    /// `regularize_cost`, `train-error-top1`, `train-error-top5` (shape `[]`), and the
    /// per-sample vectors `wrong-top1`, `wrong-top5` (shape `[N]`).
    public var namedOutputs: [(name: String, shape: [Int], values: [Float])] {
        scalarSummaries.map { ($0.name, [Int](), [$0.value]) }
            + [("wrong-top1", [wrongTop1.count], wrongTop1), ("wrong-top5", [wrongTopK.count], wrongTopK)]
    }

    /// The names of ``namedOutputs``, in order.
    public static let outputNames = ["cost", "cross_entropy_loss", "regularize_cost", "train-error-top1", "train-error-top5",
                                     "wrong-top1", "wrong-top5"]
}
