/// Which values of a stat are better: for an error, `min`; for an accuracy, `max`.
public enum CheckpointDirection: String, Codable, Sendable {
    /// Lower is better.
    case min
    /// Higher is better.
    case max

    /// Whether `value` is strictly better than `other`.
    public func isBetter(_ value: Double, than other: Double) -> Bool {
        self == .min ? value < other : value > other
    }
}
