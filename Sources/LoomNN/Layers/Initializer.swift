import LoomTensor

/// How a parameter's initial values are drawn. Every random initializer takes an explicit
/// generator, so a model built from a seed is reproducible.
public enum Initializer: Sendable, Equatable {
    /// Normal with standard deviation `sqrt(2 / fanIn)` (He/Kaiming, for ReLU networks).
    case heNormal
    /// Uniform in `±sqrt(6 / fanIn)` (He/Kaiming uniform).
    case heUniform
    /// Uniform in `±sqrt(6 / (fanIn + fanOut))` (Glorot/Xavier uniform).
    case glorotUniform
    /// Normal with standard deviation `sqrt(2 / (fanIn + fanOut))` (Glorot/Xavier normal).
    case glorotNormal
    /// All zeros.
    case zeros
    /// Every element equal to the value.
    case constant(Float)

    /// Draws a tensor.
    /// - Parameters:
    ///   - shape: The parameter's shape.
    ///   - fanIn: Inputs feeding one output (e.g. `inChannels · kh · kw`).
    ///   - fanOut: Outputs fed by one input.
    ///   - generator: The source of randomness.
    /// - Returns: The initial value.
    public func make(_ shape: [Int], fanIn: Int, fanOut: Int, generator: inout SeededGenerator) -> Tensor {
        let fanIn = Float(max(fanIn, 1)), fanOut = Float(max(fanOut, 1))
        switch self {
        case .heNormal:
            return Tensor(randomNormal: shape, standardDeviation: (2 / fanIn).squareRoot(), using: &generator)
        case .heUniform:
            let limit = (6 / fanIn).squareRoot()
            return Tensor(randomUniform: shape, in: -limit...limit, using: &generator)
        case .glorotUniform:
            let limit = (6 / (fanIn + fanOut)).squareRoot()
            return Tensor(randomUniform: shape, in: -limit...limit, using: &generator)
        case .glorotNormal:
            return Tensor(randomNormal: shape, standardDeviation: (2 / (fanIn + fanOut)).squareRoot(), using: &generator)
        case .zeros:
            return Tensor(zeros: shape)
        case let .constant(value):
            return Tensor(repeating: value, shape: shape)
        }
    }
}
