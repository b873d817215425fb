import ArgumentParser
import LoomTraining

/// An `--early-stop` choice: `STAT[:PATIENCE[:min|max]]` (patience 3 and `min` by default:
/// the direction is given, never guessed from the name).
struct EarlyStopSpec: Equatable {
    /// The default number of checks without improvement.
    static let defaultPatience = 3

    let stat: String
    let patience: Int
    let mode: StatDirection

    /// The command-line form.
    var argument: String { Train.shellQuoted("\(stat):\(patience):\(mode.rawValue)") }

    /// Parses the option.
    /// - Throws: `ValidationError` with the accepted form.
    static func parse(_ text: String) throws -> EarlyStopSpec {
        var parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        var mode = StatDirection.min
        if parts.count == 3, let last = parts.last.flatMap(StatDirection.init(rawValue:)) {
            mode = last
            parts.removeLast()
        }
        let patience = parts.count == 2 ? Int(parts[1]) : defaultPatience
        guard (1...2).contains(parts.count), !parts[0].isEmpty, let patience, patience >= 1 else {
            throw ValidationError("'\(text)' is not STAT[:PATIENCE[:min|max]] with PATIENCE ≥ 1, e.g. val-error-top1:3")
        }
        return EarlyStopSpec(stat: parts[0], patience: patience, mode: mode)
    }

    /// The callback.
    func makeCallback() -> EarlyStopping {
        EarlyStopping(stat: Stat(stat), patience: patience, direction: mode)
    }
}
