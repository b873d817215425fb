import LoomTraining

/// The stats a user looks at first, for `loom stats` columns and `loom plot` panels: the
/// training losses, then every validation stat, then the learning rate, then the rest, each
/// group in its original order.
public enum StatsPriority {
    /// `names` reordered by priority (a stable sort).
    public static func ordered(_ names: [String]) -> [String] {
        names.enumerated().sorted { (rank($0.element), $0.offset) < (rank($1.element), $1.offset) }.map(\.element)
    }

    /// 0: a training loss (`cost`, `…loss`); 1: a validation stat (`val…`); 2: the learning
    /// rate; 3: anything else. Names with a `/` (per-layer summaries) are never first.
    public static func rank(_ name: String) -> Int {
        if name.contains("/") { return 3 }
        if name.hasPrefix("val") { return 1 }
        if name == Stat.cost.name || name.hasSuffix("loss") || name.hasSuffix("cost") { return 0 }
        if name == Stat.learningRate.name { return 2 }
        return 3
    }
}
