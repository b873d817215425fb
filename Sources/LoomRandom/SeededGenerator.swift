/// A small, fast, seeded random generator (xoshiro256**, seeded through SplitMix64).
///
/// Every random choice in Loom comes from one of these: weight initialisation, dropout
/// and noise in `LoomTensor`/`LoomNN`, shuffles, augmentation and synthetic data in
/// `LoomData`. The same seed gives the same sequence on every platform and Swift version.
/// The whole state is four words (``state``), which checkpoints and data positions save so
/// that a resumed run continues the same sequence; ``init(state:)`` restores it. The draws
/// in `SeededGenerator+Draws.swift` implement their own algorithms (no
/// `shuffle(using:)`), so results never change with the standard library.
public struct SeededGenerator: RandomNumberGenerator, Sendable, Equatable {
    /// The four state words.
    public private(set) var state: [UInt64]

    /// Creates a generator from a seed (expanded with SplitMix64, so any seed is good).
    /// - Parameter seed: Any value; equal seeds give equal sequences.
    public init(seed: UInt64) {
        var mixer = seed
        state = (0..<4).map { _ in SeededGenerator.splitMix(&mixer) }
    }

    /// Restores a generator from saved ``state`` words.
    /// - Parameter state: Four words from ``state``.
    /// - Throws: ``RandomStateError`` when there are not four words or all are zero.
    public init(state: [UInt64]) throws(RandomStateError) {
        guard state.count == 4 else { throw .wrongWordCount(state.count) }
        guard state.contains(where: { $0 != 0 }) else { throw .allZero }
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

    private func rotate(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }
}
