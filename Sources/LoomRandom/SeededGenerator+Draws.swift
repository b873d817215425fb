#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension SeededGenerator {
    /// A uniform double in `[0, 1)` (53 random bits).
    public mutating func nextUnit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A uniform float in `lower..<upper`.
    /// - Parameters:
    ///   - lower: The lower bound.
    ///   - upper: The upper bound.
    /// - Returns: A value in the range.
    public mutating func uniform(_ lower: Float, _ upper: Float) -> Float {
        lower + (upper - lower) * Float(nextUnit())
    }

    /// A uniform integer in `0..<bound` (Lemire's method, unbiased).
    /// - Parameter bound: The exclusive upper bound, > 0.
    /// - Returns: A value in `0..<bound`.
    public mutating func below(_ bound: Int) -> Int {
        precondition(bound > 0, "bound must be positive")
        let range = UInt64(bound)
        var product = next().multipliedFullWidth(by: range)
        if product.low < range {
            let threshold = (0 &- range) % range
            while product.low < threshold { product = next().multipliedFullWidth(by: range) }
        }
        return Int(product.high)
    }

    /// A standard normal sample (Box–Muller, one value per two draws).
    public mutating func normal() -> Float {
        let u1 = max(nextUnit(), 1e-300)
        let u2 = nextUnit()
        return Float((-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2))
    }

    /// A random permutation of `0..<count` (Fisher–Yates).
    /// - Parameter count: The number of elements.
    /// - Returns: The permuted indices.
    public mutating func permutation(_ count: Int) -> [Int] {
        var indices = Array(0..<count)
        var i = count - 1
        while i > 0 {
            let j = below(i + 1)
            indices.swapAt(i, j)
            i -= 1
        }
        return indices
    }
}
