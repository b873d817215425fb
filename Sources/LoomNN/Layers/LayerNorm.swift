import LoomTensor

/// Layer normalisation over the last dimension: each feature vector is shifted to mean 0
/// and scaled to variance 1 (population variance, plus `epsilon`), then multiplied by a
/// learned gain and shifted by a learned bias. The same in training and evaluation: it uses
/// no batch statistics and has no buffers.
///
/// State names: `gamma` (gain, `[features]`, initially ones), `beta` (bias, `[features]`,
/// initially zeros), as ``BatchNorm``.
public final class LayerNorm: Layer {
    /// The gain, `[features]`.
    public let gamma: Parameter
    /// The bias, `[features]`.
    public let beta: Parameter
    /// Added to the variance before the square root.
    public let epsilon: Float

    /// Creates a layer-normalisation layer.
    /// - Parameters:
    ///   - features: The size of the last input dimension.
    ///   - epsilon: Added to the variance (default 1e-5).
    public init(features: Int, epsilon: Float = 1e-5) {
        precondition(features > 0, "LayerNorm: features \(features) must be positive")
        gamma = Parameter(Tensor(ones: [features]))
        beta = Parameter(Tensor(zeros: [features]))
        self.epsilon = epsilon
    }

    /// Normalises `[..., features]` input over its last dimension.
    public func forward(_ input: Tensor, context: ForwardContext) -> Tensor {
        let features = gamma.shape[0]
        precondition(input.rank >= 1 && input.shape[input.rank - 1] == features,
                     "LayerNorm: input \(input.shape) must end in the layer's \(features) features")
        let axis = input.rank - 1
        let centered = input - input.mean(alongAxes: [axis], keepDims: true)
        let variance = (centered * centered).mean(alongAxes: [axis], keepDims: true)
        return centered * (variance + epsilon).rsqrt() * gamma.value + beta.value
    }

    /// Reports `gamma` and `beta`.
    public func visitState(prefix: String, _ visit: (String, StateEntry) -> Void) {
        visit(prefix + "gamma", .parameter(gamma))
        visit(prefix + "beta", .parameter(beta))
    }
}
