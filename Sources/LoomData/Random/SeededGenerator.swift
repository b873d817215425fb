/// A small, fast, seeded random generator (xoshiro256**, seeded through SplitMix64).
///
/// Every random choice in LoomData comes from one of these, owned by a flow, so the same
/// seed gives the same data on every platform and Swift version. The whole state is four
/// words (`state`), which a `FlowState` saves for resume. The helpers below implement their
/// own algorithms (no `shuffle(using:)`), so results never change with the standard library.
public struct SeededGenerator: RandomNumberGenerator, Sendable, Equatable, Codable {
    /// The four state words.
    public private(set) var state: [UInt64]

    /// Creates a generator from a seed.
    /// - Parameter seed: Any value; equal seeds give equal sequences.
    public init(seed: UInt64) {
        var mixer = seed
        state = (0..<4).map { _ in SeededGenerator.splitMix(&mixer) }
    }

    /// Restores a generator from saved state words.
    /// - Parameter state: Four words from `state`.
    /// - Throws: `DataFlowError.stateMismatch` if there are not four words or all are zero.
    public init(state: [UInt64]) throws {
        guard state.count == 4, state.contains(where: { $0 != 0 }) else {
            throw DataFlowError.stateMismatch(expected: "4 nonzero generator words", found: "\(state)")
        }
        self.state = state
    }

    /// One SplitMix64 step: advances `x` and returns a well-mixed word.
    /// - Parameter x: The SplitMix64 state.
    /// - Returns: The next output.
    public static func splitMix(_ x: inout UInt64) -> UInt64 {
        x &+= 0x9E37_79B9_7F4A_7C15
        var z = x
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A seed derived from two values (e.g. a base seed and a sample index).
    /// - Parameters:
    ///   - a: The first value.
    ///   - b: The second value.
    /// - Returns: A mixed seed; distinct pairs give unrelated seeds.
    public static func mix(_ a: UInt64, _ b: UInt64) -> UInt64 {
        var x = a ^ (b &* 0xD1B5_4A32_D192_ED03)
        return splitMix(&x)
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        let result = rotate(state[1] &* 5, 7) &* 9
        let t = state[1] << 17
        state[2] ^= state[0]
        state[3] ^= state[1]
        state[1] ^= state[2]
        state[0] ^= state[3]
        state[2] ^= t
        state[3] = rotate(state[3], 45)
        return result
    }

    /// A uniform double in `[0, 1)`.
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

    /// A standard normal sample (Box–Muller).
    public mutating func normal() -> Float {
        let u1 = max(nextUnit(), 1e-300)
        let u2 = nextUnit()
        return Float((-2 * _log(u1)).squareRoot() * _cos(2 * Double.pi * u2))
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

    private func rotate(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }
}
