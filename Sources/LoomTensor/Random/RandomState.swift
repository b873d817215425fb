/// A seeded xoshiro256** generator whose state can be exported and restored exactly
/// (resuming a run continues the same random sequence).
public struct SeededGenerator: RandomNumberGenerator, Sendable, Equatable {
    /// The four state words.
    public private(set) var state: [UInt64]

    /// Creates a generator from a seed (expanded with SplitMix64, so any seed is good).
    public init(seed: UInt64) {
        var mix = seed
        func next() -> UInt64 {
            mix &+= 0x9E37_79B9_7F4A_7C15
            var z = mix
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        state = [next(), next(), next(), next()]
    }

    /// Restores a generator from ``state``.
    /// - Throws: `RandomStateError` when the state does not have 4 words or is all zero.
    public init(state: [UInt64]) throws(RandomStateError) {
        guard state.count == 4 else { throw .wrongWordCount(state.count) }
        guard state.contains(where: { $0 != 0 }) else { throw .allZero }
        self.state = state
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

/// Why a saved generator state cannot be restored.
public enum RandomStateError: Error, Equatable, CustomStringConvertible {
    /// The state has the wrong number of words.
    case wrongWordCount(Int)
    /// The state is all zero (xoshiro would only ever produce zeros).
    case allZero

    /// A message naming what was expected.
    public var description: String {
        switch self {
        case let .wrongWordCount(count): return "random generator state: expected 4 UInt64 words, found \(count); the checkpoint is damaged or from another generator"
        case .allZero: return "random generator state: all four words are zero, which xoshiro256** cannot use; the checkpoint is damaged"
        }
    }
}
