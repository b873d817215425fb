/// What a backend needs, besides its arrays, to continue a run exactly after a resume:
/// the data pipeline's position and the random number generators' states. Stored in a
/// checkpoint as JSON (``Checkpoint/dataPosition`` and ``Checkpoint/rngState``).
///
/// Use exact JSON values: integers above 2^53 (a `UInt64` RNG word) do not survive a
/// JSON number, so store them as strings (e.g. `.string(String(word))`).
public struct BackendResumeState: Sendable, Equatable {
    /// The data pipeline's position (which epoch order, how far into it); `.null` when none.
    public var dataPosition: StateValue
    /// The random number generators' states; `.null` when none.
    public var rng: StateValue

    /// Creates a resume state; both parts default to `.null` (nothing to restore).
    public init(dataPosition: StateValue = .null, rng: StateValue = .null) {
        self.dataPosition = dataPosition
        self.rng = rng
    }

    /// Whether there is nothing to store.
    public var isEmpty: Bool { dataPosition == .null && rng == .null }
}
