import LoomTensor

/// An elementwise activation as a layer: ReLU, LeakyReLU, Sigmoid, Tanh or GELU.
public final class Activation: Layer {
    /// The function applied.
    public enum Kind: Sendable, Equatable {
        /// max(x, 0).
        case relu
        /// x for x > 0, `slope · x` otherwise.
        case leakyRelu(slope: Float)
        /// 1 / (1 + e^{−x}).
        case sigmoid
        /// tanh(x).
        case tanh
        /// GELU (tanh approximation).
        case gelu
    }

    /// The function applied.
    public let kind: Kind

    /// Creates an activation layer.
    /// - Parameter kind: The function.
    public init(_ kind: Kind) { self.kind = kind }

    /// A ReLU layer.
    public static var relu: Activation { Activation(.relu) }

    /// Applies the function elementwise.
    public func forward(_ input: Tensor, context: ForwardContext) -> Tensor {
        switch kind {
        case .relu: return input.relu()
        case let .leakyRelu(slope): return input.leakyRelu(slope: slope)
        case .sigmoid: return input.sigmoid()
        case .tanh: return input.tanh()
        case .gelu: return input.gelu()
        }
    }
}
