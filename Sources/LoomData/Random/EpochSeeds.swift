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
    func restore(_ words: [UInt64]) throws {
        let restored = try SeededGenerator(state: words)
        generator.withLock { $0 = restored }
    }
}
