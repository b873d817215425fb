import LoomTensor

/// The ResNet basic block: `relu(bn2(conv2(relu(bn1(conv1(x))))) + shortcut(x))`, with 3×3
/// convolutions without bias. The shortcut is the identity, or a 1×1 strided convolution
/// plus BatchNorm (projection) when the stride or the channel count changes.
///
/// State names: `conv1/W`, `bn1/…`, `conv2/W`, `bn2/…`, and with a projection
/// `shortcut/conv/W`, `shortcut/bn/…`.
public final class ResidualBlock: Layer {
    private let main: Sequential
    private let shortcut: Sequential?

    /// Creates a block.
    /// - Parameters:
    ///   - inputChannels: Channels in.
    ///   - outputChannels: Channels out.
    ///   - stride: The first convolution's (and the projection's) stride.
    ///   - generator: The source of randomness for the weights.
    public init(inputChannels: Int, outputChannels: Int, stride: Int = 1, generator: inout SeededGenerator) {
        main = Sequential([
            ("conv1", Conv2D(inputChannels: inputChannels, outputChannels: outputChannels, kernelSize: (3, 3),
                             stride: (stride, stride), useBias: false, generator: &generator)),
            ("bn1", BatchNorm(features: outputChannels)),
            ("relu1", Activation.relu),
            ("conv2", Conv2D(inputChannels: outputChannels, outputChannels: outputChannels, kernelSize: (3, 3),
                             useBias: false, generator: &generator)),
            ("bn2", BatchNorm(features: outputChannels)),
        ])
        if stride != 1 || inputChannels != outputChannels {
            shortcut = Sequential([
                ("conv", Conv2D(inputChannels: inputChannels, outputChannels: outputChannels, kernelSize: (1, 1),
                                stride: (stride, stride), useBias: false, generator: &generator)),
                ("bn", BatchNorm(features: outputChannels)),
            ])
        } else {
            shortcut = nil
        }
    }

    /// Whether the shortcut is a projection (not the identity).
    public var hasProjection: Bool { shortcut != nil }

    /// Runs the block.
    public func forward(_ input: Tensor, context: ForwardContext) -> Tensor {
        let residual = main.forward(input, context: context)
        let skip = shortcut.map { shortcut in context.scoped("shortcut") { shortcut.forward(input, context: context) } } ?? input
        return (residual + skip).relu()
    }

    /// Reports the main path's state, then the projection's under `shortcut/`.
    public func visitState(prefix: String, _ visit: (String, StateEntry) -> Void) {
        main.visitState(prefix: prefix, visit)
        shortcut?.visitState(prefix: prefix + "shortcut/", visit)
    }
}
