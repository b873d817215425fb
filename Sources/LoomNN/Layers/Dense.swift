import LoomTensor

/// A fully connected layer: `y = x · W + b` with `W` of shape `[in, out]`.
///
/// State names: `W`, and `b` when it has a bias.
public final class Dense: Layer {
    /// The weight, `[inputSize, outputSize]`.
    public let weight: Parameter
    /// The bias, `[outputSize]`, or `nil`.
    public let bias: Parameter?

    /// Creates a dense layer.
    /// - Parameters:
    ///   - inputSize: Features per input row.
    ///   - outputSize: Features per output row.
    ///   - useBias: Whether to add a bias.
    ///   - initializer: How `W` is drawn (the bias starts at zero).
    ///   - generator: The source of randomness for `W`.
    public init(inputSize: Int, outputSize: Int, useBias: Bool = true, initializer: Initializer = .glorotUniform,
                generator: inout SeededGenerator) {
        weight = Parameter(initializer.make([inputSize, outputSize], fanIn: inputSize, fanOut: outputSize, generator: &generator))
        bias = useBias ? Parameter(Tensor(zeros: [outputSize])) : nil
    }

    /// `x · W + b` for `x` of shape `[N, inputSize]`.
    public func forward(_ input: Tensor, context: ForwardContext) -> Tensor {
        let product = Tensor.matmul(input, weight.value)
        guard let bias else { return product }
        return product + bias.value
    }

    /// Reports `W` and `b`.
    public func visitState(prefix: String, _ visit: (String, StateEntry) -> Void) {
        visit(prefix + "W", .parameter(weight))
        if let bias { visit(prefix + "b", .parameter(bias)) }
    }
}
