import LoomTensor

/// A trainable tensor of a layer (a weight or a bias).
///
/// The value is a gradient leaf (``LoomTensor/Tensor/requiringGradient()``): `backward()`
/// accumulates into ``gradient``, and optimizers write new values in place, which keeps the
/// leaf's identity. A parameter has no name of its own: its name is its path in the model
/// (`conv1/W`), given by the containers that hold it (see ``Layer/visitState(prefix:_:)``).
public final class Parameter {
    /// The current value (a gradient leaf).
    public var value: Tensor

    /// Creates a parameter holding `initialValue` as a new gradient leaf.
    /// - Parameter initialValue: The starting value.
    public init(_ initialValue: Tensor) {
        value = initialValue.detached().requiringGradient()
    }

    /// The shape of the value.
    public var shape: [Int] { value.shape }

    /// The gradient accumulated since the last ``zeroGradient()``; `nil` when none arrived.
    public var gradient: Tensor? { value.grad }

    /// Clears the accumulated gradient.
    public func zeroGradient() { value.zeroGradient() }

    /// Replaces the values in place (the leaf and its gradient stay the same).
    /// - Parameter scalars: Exactly `shape.reduce(1, *)` values in row-major order.
    public func assign(_ scalars: [Float]) {
        precondition(scalars.count == value.scalarCount, "Parameter.assign: \(scalars.count) values for shape \(shape)")
        value.withUnsafeMutableBufferPointer { target in
            for index in 0..<scalars.count { target[index] = scalars[index] }
        }
    }
}
