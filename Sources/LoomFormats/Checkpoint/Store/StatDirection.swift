/// Which way a stat improves: the one "smaller or larger is better" of Loom, used by the
/// best-checkpoint copies (``CheckpointIndex/Copy/direction``, `min-<stat>`/`max-<stat>`),
/// `MinSaver`/`MaxSaver`, `EarlyStopping` and `StatMonitorParamSetter`. Always given,
/// never guessed from a stat's name. The raw values are those stored in `checkpoint.json`.
public enum StatDirection: String, Codable, Sendable {
    /// Lower is better (loss, error).
    case min
    /// Higher is better (accuracy).
    case max

    /// Whether `value` is strictly better than `other`.
    public func isBetter(_ value: Double, than other: Double) -> Bool {
        improves(value, on: other, by: 0)
    }

    /// Whether `value` beats `reference` by more than `margin` (≥ 0): below
    /// `reference - margin` for ``min``, above `reference + margin` for ``max``. NaN never improves.
    public func improves(_ value: Double, on reference: Double, by margin: Double) -> Bool {
        self == .min ? value < reference - margin : value > reference + margin
    }

    /// The best of `values` (the smallest for ``min``, the largest for ``max``), `nil` when empty.
    public func best(of values: [Double]) -> Double? {
        self == .min ? values.min() : values.max()
    }
}

/// The former name of ``StatDirection``.
@available(*, deprecated, renamed: "StatDirection")
public typealias CheckpointDirection = StatDirection
