import Synchronization

/// A flow's own seeded generator behind a lock: each pass draws from it.
///
/// Shared by the flows that make random choices; `state`/`restore` save and put back
/// the generator for resume, `reset()` returns to the initial seed.
final class EpochSeeds: Sendable {
    let seed: UInt64
    private let generator: Mutex<SeededGenerator>

    init(seed: UInt64) {
        self.seed = seed
        generator = Mutex(SeededGenerator(seed: seed))
    }

    /// Returns to the initial seed.
    func reset() { generator.withLock { $0 = SeededGenerator(seed: seed) } }

    /// One word for a new pass.
    func draw() -> UInt64 { generator.withLock { $0.next() } }

    /// Runs `body` with exclusive access to the generator.
    func with<T>(_ body: (inout SeededGenerator) -> T) -> T { generator.withLock { body(&$0) } }

    /// The generator's state words.
    var state: [UInt64] { generator.withLock { $0.state } }

    /// Puts back saved state words.
    /// - Throws: `DataFlowError.stateMismatch` when the words cannot be a generator state.
    func restore(_ words: [UInt64]) throws(DataFlowError) {
        let restored: SeededGenerator
        do {
            restored = try SeededGenerator(state: words)
        } catch {
            throw .stateMismatch(expected: "4 nonzero generator words", found: "\(words) (\(error))")
        }
        generator.withLock { $0 = restored }
    }
}
