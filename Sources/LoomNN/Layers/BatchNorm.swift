import LoomTensor

/// Batch normalisation over `[N, C]` or `[N, C, H, W]` input, per channel `C`.
///
/// Training mode normalises with the batch's mean and (population) variance and queues an
/// update op that moves the running statistics: `ema = momentum · ema + (1 − momentum) · batch`.
/// The op runs only when the trainer applies the model's update ops
/// (``Model/applyUpdateOps()``), so a `RunUpdateOps`-style callback controls it. Evaluation
/// mode normalises with the running statistics.
///
/// State names: `gamma`, `beta` (parameters), `mean/EMA`, `variance/EMA` (buffers).
public final class BatchNorm: Layer {
    /// The scale, `[C]`, initially ones.
    public let gamma: Parameter
    /// The shift, `[C]`, initially zeros.
    public let beta: Parameter
    /// The running mean, `[C]`, initially zeros.
    public let movingMean: Buffer
    /// The running variance, `[C]`, initially ones.
    public let movingVariance: Buffer
    /// The weight of the old running value in each update.
    public let momentum: Float
    /// Added to the variance before the square root.
    public let epsilon: Float

    /// Creates a batch-normalisation layer.
    /// - Parameters:
    ///   - features: The channel count `C`.
    ///   - momentum: The weight of the old running value (default 0.9, as tensorpack).
    ///   - epsilon: Added to the variance (default 1e-5).
    public init(features: Int, momentum: Float = 0.9, epsilon: Float = 1e-5) {
        gamma = Parameter(Tensor(ones: [features]))
        beta = Parameter(Tensor(zeros: [features]))
        movingMean = Buffer(Tensor(zeros: [features]))
        movingVariance = Buffer(Tensor(ones: [features]))
        self.momentum = momentum
        self.epsilon = epsilon
    }

    /// Normalises the input (see the type's description for the two modes).
    public func forward(_ input: Tensor, context: ForwardContext) -> Tensor {
        precondition(input.rank == 2 || input.rank == 4, "BatchNorm: input \(input.shape) must be [N, C] or [N, C, H, W]")
        let channels = gamma.shape[0]
        precondition(input.shape[1] == channels, "BatchNorm: input \(input.shape) has \(input.shape[1]) channels, the layer has \(channels)")
        let axes = input.rank == 4 ? [0, 2, 3] : [0]
        let statShape = input.rank == 4 ? [1, channels, 1, 1] : [1, channels]
        let scale = gamma.value.reshaped(to: statShape), shift = beta.value.reshaped(to: statShape)
        guard context.isTraining else {
            let inverse = (movingVariance.value + epsilon).rsqrt().reshaped(to: statShape)
            return (input - movingMean.value.reshaped(to: statShape)) * inverse * scale + shift
        }
        let mean = input.mean(alongAxes: axes, keepDims: true)
        let centered = input - mean
        let variance = (centered * centered).mean(alongAxes: axes, keepDims: true)
        let normalized = centered * (variance + epsilon).rsqrt()
        let batchMean = mean.detached().reshaped(to: [channels]), batchVariance = variance.detached().reshaped(to: [channels])
        let movingMean = movingMean, movingVariance = movingVariance, momentum = momentum
        context.addUpdate(UpdateOp(label: "BatchNorm moving statistics") {
            Tensor.withoutGradients {
                movingMean.value = movingMean.value * momentum + batchMean * (1 - momentum)
                movingVariance.value = movingVariance.value * momentum + batchVariance * (1 - momentum)
            }
        })
        return normalized * scale + shift
    }

    /// Reports `gamma`, `beta`, `mean/EMA`, `variance/EMA`.
    public func visitState(prefix: String, _ visit: (String, StateEntry) -> Void) {
        visit(prefix + "gamma", .parameter(gamma))
        visit(prefix + "beta", .parameter(beta))
        visit(prefix + "mean/EMA", .buffer(movingMean))
        visit(prefix + "variance/EMA", .buffer(movingVariance))
    }
}
