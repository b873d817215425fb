/// A stats file could not be read, or a requested stat is not in it. The message names
/// the file, what was wrong and what to do.
public enum StatsError: Error, Sendable, Equatable, CustomStringConvertible {
    /// There is no file at `path`.
    case missing(path: String)
    /// The file exists but cannot be read.
    case unreadable(path: String, reason: String)
    /// The file is not a JSON array of objects; `offset` is the byte where parsing stopped.
    case corrupt(path: String, detail: String, offset: Int)
    /// A `--stat` name that no entry holds.
    case unknownStat(String, path: String, known: [String])
    /// None of the chosen stats has a finite value with a global step to plot.
    case nothingToPlot(path: String, stats: [String])

    public var description: String {
        switch self {
        case let .missing(path):
            return "no stats file at '\(path)': pass a run's log directory (train_log/<name>) or its stats.json"
        case let .unreadable(path, reason):
            return "cannot read '\(path)': \(reason)"
        case let .corrupt(path, detail, offset):
            return "'\(path)' is not a valid stats.json: \(detail) at byte \(offset); expected a JSON array of objects as Loom's JSONWriter writes"
        case let .unknownStat(name, path, known):
            let list = known.isEmpty ? "none" : known.joined(separator: ", ")
            return "unknown stat '\(name)' in '\(path)'; known stats: \(list)"
        case let .nothingToPlot(path, stats):
            return "nothing to plot in '\(path)': no finite value with a global_step for \(stats.joined(separator: ", "))"
        }
    }
}
