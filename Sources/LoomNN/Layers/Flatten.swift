import LoomTensor

/// Flattens every dimension after the batch: `[N, d1, d2, …]` → `[N, d1·d2·…]`.
public final class Flatten: Layer {
    /// Creates the layer.
    public init() {}

    /// The flattened input.
    public func forward(_ input: Tensor, context: ForwardContext) -> Tensor {
        input.rank == 2 ? input : input.flattened(fromAxis: 1)
    }
}
