import LoomTensor

/// Inverted dropout: in training mode zeroes each element with probability `rate` and scales
/// the rest by `1 / (1 − rate)`; identity in evaluation mode. Masks come from the model's
/// generator (``ForwardContext/generator``), whose state a resumed run restores.
public final class Dropout: Layer {
    /// The probability of dropping an element, in `[0, 1)`.
    public let rate: Float

    /// Creates a dropout layer.
    /// - Parameter rate: The drop probability, in `[0, 1)`.
    public init(rate: Float) {
        precondition(rate >= 0 && rate < 1, "Dropout: rate \(rate) is outside [0, 1)")
        self.rate = rate
    }

    /// Applies the mask in training mode.
    public func forward(_ input: Tensor, context: ForwardContext) -> Tensor {
        guard context.isTraining, rate > 0 else { return input }
        return input * Tensor(dropoutMask: input.shape, keepProbability: 1 - rate, using: &context.generator)
    }
}
