/// A training step's scalar outputs averaged over every rank (what one process would
/// report for the whole global batch when the ranks' batches have equal size).
public struct AveragedScalars: Sendable, Equatable {
    /// The total cost (cross-entropy plus regularization).
    public var cost: Float
    /// The mean softmax cross-entropy.
    public var crossEntropy: Float
    /// The L2 regularization term.
    public var regularization: Float
    /// The top-1 error rate.
    public var errorTop1: Float
    /// The top-k error rate.
    public var errorTopK: Float

    /// Creates the scalars.
    public init(cost: Float, crossEntropy: Float, regularization: Float, errorTop1: Float, errorTopK: Float) {
        self.cost = cost
        self.crossEntropy = crossEntropy
        self.regularization = regularization
        self.errorTop1 = errorTop1
        self.errorTopK = errorTopK
    }

    /// The scalars as `ClassifierOutputs` names them (`cost`, `cross_entropy_loss`,
    /// `regularize_cost`, `train-error-top1`, `train-error-top5`), in that order.
    public var named: [(name: String, value: Float)] {
        [("cost", cost), ("cross_entropy_loss", crossEntropy), ("regularize_cost", regularization),
         ("train-error-top1", errorTop1), ("train-error-top5", errorTopK)]
    }

    /// The five values in ``named`` order.
    var values: [Float] { [cost, crossEntropy, regularization, errorTop1, errorTopK] }

    /// Scalars from five values in ``named`` order.
    init(values: some Collection<Float>) {
        let list = Array(values)
        self.init(cost: list[0], crossEntropy: list[1], regularization: list[2], errorTop1: list[3], errorTopK: list[4])
    }
}
