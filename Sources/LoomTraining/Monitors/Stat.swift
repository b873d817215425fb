/// The name of a stat in the ``Monitors`` hub, typed: the well-known ones are static members
/// (`.valErrorTop1` instead of `"val-error-top1"`), and a string literal names any other
/// (`"val-accuracy"`), so user-defined stats need no declaration.
///
/// ```swift
/// MinSaver(.valErrorTop1)
/// EarlyStopping(stat: "val-accuracy", patience: 3, direction: .max)
/// ```
public struct Stat: Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    /// The stat's name, as monitors write it (`stats.json`, TensorBoard tags).
    public let name: String

    /// The stat named `name`.
    public init(_ name: String) { self.name = name }

    /// The stat named by the literal.
    public init(stringLiteral value: String) { name = value }

    /// The name.
    public var description: String { name }
}

extension Stat {
    /// `cost`: the training step's total cost (loss plus regularisation).
    public static let cost: Stat = "cost"
    /// `loss`: a model's loss, when its backend reports one under this name.
    public static let loss: Stat = "loss"
    /// `cross_entropy_loss`: a classifier's cross-entropy on the training batch.
    public static let crossEntropyLoss: Stat = "cross_entropy_loss"
    /// `train-error-top1`: the top-1 error rate on the training batch.
    public static let trainErrorTop1: Stat = "train-error-top1"
    /// `train-error-top5`: the top-5 error rate on the training batch.
    public static let trainErrorTop5: Stat = "train-error-top5"
    /// `val-error-top1`: the top-1 error rate of validation (``ClassificationError``'s default).
    public static let valErrorTop1: Stat = "val-error-top1"
    /// `val-error-top5`: the top-5 error rate of validation.
    public static let valErrorTop5: Stat = "val-error-top5"
    /// `learning_rate`: the value of ``HyperParam/learningRate``, put by its setters on each change.
    public static let learningRate: Stat = "learning_rate"
}
