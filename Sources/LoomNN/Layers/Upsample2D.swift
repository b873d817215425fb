import LoomTensor

/// Nearest-neighbour up-sampling of `[N, C, H, W]` input by an integer factor: each pixel
/// becomes a `scale × scale` block, giving `[N, C, H·scale, W·scale]`. The usual decoder
/// step before a ``Conv2D`` (up-sample, then convolve, instead of a transposed convolution,
/// which avoids checkerboard artefacts).
///
/// Built from reshape and broadcast, so its gradient (each block's gradients summed into the
/// source pixel) comes from their rules. No state.
public final class Upsample2D: Layer {
    /// The factor applied to height and width.
    public let scale: Int

    /// Creates an up-sampling layer.
    /// - Parameter scale: The factor (default 2), at least 1.
    public init(scale: Int = 2) {
        precondition(scale >= 1, "Upsample2D: scale \(scale) must be at least 1")
        self.scale = scale
    }

    /// Repeats every pixel of `[N, C, H, W]` input `scale` times along height and width.
    public func forward(_ input: Tensor, context: ForwardContext) -> Tensor {
        precondition(input.rank == 4, "Upsample2D: input \(input.shape) must be [N, C, H, W]")
        let (n, c, h, w) = (input.shape[0], input.shape[1], input.shape[2], input.shape[3])
        guard scale > 1 else { return input }
        return input.reshaped(to: [n, c, h, 1, w, 1])
            .expanded(to: [n, c, h, scale, w, scale])
            .reshaped(to: [n, c, h * scale, w * scale])
    }
}
