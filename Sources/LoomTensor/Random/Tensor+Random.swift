#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#endif

extension RandomNumberGenerator {
    /// A uniform float in [0, 1) with 24 random bits.
    @inline(__always)
    mutating func nextUnitFloat() -> Float { Float(next() >> 40) * 0x1p-24 }
}

extension Tensor {
    /// Uniform random values in `range` (half-open at the top).
    /// - Parameters:
    ///   - shape: The size of each dimension.
    ///   - range: The interval; defaults to [0, 1).
    ///   - generator: The source of randomness (advanced once per element).
    public init(randomUniform shape: [Int], in range: ClosedRange<Float> = 0...1, using generator: inout some RandomNumberGenerator) {
        self.init(zeros: shape)
        let low = range.lowerBound, width = range.upperBound - range.lowerBound
        for index in 0..<scalarCount { data[index] = low + width * generator.nextUnitFloat() }
    }

    /// Normal random values (Box–Muller; two values per pair of draws).
    /// - Parameters:
    ///   - shape: The size of each dimension.
    ///   - mean: The mean.
    ///   - standardDeviation: The standard deviation.
    ///   - generator: The source of randomness.
    public init(randomNormal shape: [Int], mean: Float = 0, standardDeviation: Float = 1, using generator: inout some RandomNumberGenerator) {
        self.init(zeros: shape)
        var index = 0
        while index < scalarCount {
            let (first, second) = Tensor.normalPair(&generator)
            data[index] = mean + standardDeviation * first
            if index + 1 < scalarCount { data[index + 1] = mean + standardDeviation * second }
            index += 2
        }
    }

    /// Normal random values redrawn until within two standard deviations of the mean.
    public init(truncatedNormal shape: [Int], mean: Float = 0, standardDeviation: Float = 1, using generator: inout some RandomNumberGenerator) {
        self.init(zeros: shape)
        var index = 0
        while index < scalarCount {
            let (first, second) = Tensor.normalPair(&generator)
            for value in [first, second] where Swift.abs(value) <= 2 && index < scalarCount {
                data[index] = mean + standardDeviation * value
                index += 1
            }
        }
    }

    /// Two independent standard normal values.
    static func normalPair(_ generator: inout some RandomNumberGenerator) -> (Float, Float) {
        let u1 = (Double(generator.next() >> 11) + 1) * 0x1p-53
        let u2 = Double(generator.next() >> 11) * 0x1p-53
        let radius = (-2 * Foundation_log(u1)).squareRoot()
        return (Float(radius * Foundation_cos(2 * Double.pi * u2)), Float(radius * Foundation_sin(2 * Double.pi * u2)))
    }

    /// A dropout mask: each element is `1 / keepProbability` with that probability, else 0.
    /// Multiply activations by it (during training only).
    public init(dropoutMask shape: [Int], keepProbability: Float, using generator: inout some RandomNumberGenerator) {
        precondition(keepProbability > 0 && keepProbability <= 1, "dropoutMask: keepProbability \(keepProbability) is outside (0, 1]")
        self.init(zeros: shape)
        let scale = 1 / keepProbability
        for index in 0..<scalarCount where generator.nextUnitFloat() < keepProbability { data[index] = scale }
    }
}

@inline(__always) private func Foundation_log(_ x: Double) -> Double { log(x) }
@inline(__always) private func Foundation_cos(_ x: Double) -> Double { cos(x) }
@inline(__always) private func Foundation_sin(_ x: Double) -> Double { sin(x) }
