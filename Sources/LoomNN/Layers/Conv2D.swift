import LoomTensor

/// A 2-D convolution over NCHW input with an OIHW weight, plus an optional bias per output
/// channel.
///
/// State names: `W` (`[out, in, kh, kw]`), and `b` (`[out]`) when it has a bias.
public final class Conv2D: Layer {
    /// The weight, `[outputChannels, inputChannels, kernelHeight, kernelWidth]`.
    public let weight: Parameter
    /// The bias, `[outputChannels]`, or `nil`.
    public let bias: Parameter?
    /// Vertical and horizontal step.
    public let stride: (Int, Int)
    /// Border handling.
    public let padding: Padding2D

    /// Creates a convolution.
    /// - Parameters:
    ///   - inputChannels: Channels of the input.
    ///   - outputChannels: Channels of the output (filters).
    ///   - kernelSize: Window height and width.
    ///   - stride: Vertical and horizontal step.
    ///   - padding: Border handling (default `.same`).
    ///   - useBias: Whether to add a bias per output channel.
    ///   - initializer: How `W` is drawn (the bias starts at zero).
    ///   - generator: The source of randomness for `W`.
    public init(inputChannels: Int, outputChannels: Int, kernelSize: (Int, Int), stride: (Int, Int) = (1, 1),
                padding: Padding2D = .same, useBias: Bool = true, initializer: Initializer = .heNormal,
                generator: inout SeededGenerator) {
        let window = kernelSize.0 * kernelSize.1
        weight = Parameter(initializer.make([outputChannels, inputChannels, kernelSize.0, kernelSize.1],
                                            fanIn: inputChannels * window, fanOut: outputChannels * window, generator: &generator))
        bias = useBias ? Parameter(Tensor(zeros: [outputChannels])) : nil
        self.stride = stride
        self.padding = padding
    }

    /// Convolves `[N, C, H, W]` input (the bias is added inside the convolution).
    public func forward(_ input: Tensor, context: ForwardContext) -> Tensor {
        Tensor.conv2d(input, weight.value, bias: bias?.value, stride: stride, padding: padding)
    }

    /// Reports `W` and `b`.
    public func visitState(prefix: String, _ visit: (String, StateEntry) -> Void) {
        visit(prefix + "W", .parameter(weight))
        if let bias { visit(prefix + "b", .parameter(bias)) }
    }
}
