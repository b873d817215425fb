import LoomTensor

/// A non-trainable tensor that is part of a model's state (e.g. BatchNorm moving averages):
/// saved in checkpoints with the parameters, never touched by optimizers.
public final class Buffer {
    /// The current value (never requires a gradient).
    public var value: Tensor

    /// Creates a buffer.
    /// - Parameter initialValue: The starting value.
    public init(_ initialValue: Tensor) { value = initialValue.detached() }

    /// The shape of the value.
    public var shape: [Int] { value.shape }
}
