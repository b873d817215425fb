import LoomTensor

/// Averages each channel over its spatial positions: `[N, C, H, W]` → `[N, C]`.
public final class GlobalAvgPool: Layer {
    /// Creates the layer.
    public init() {}

    /// The spatial mean per channel.
    public func forward(_ input: Tensor, context: ForwardContext) -> Tensor {
        precondition(input.rank == 4, "GlobalAvgPool: input \(input.shape) must be [N, C, H, W]")
        return input.mean(alongAxes: [2, 3])
    }
}
