/// A configuration error of an operations callback (SendStat, the trackers, InjectShell,
/// the safety callbacks, the profiler), raised at setup; each message says what is wrong
/// and what to do.
public enum OperationsError: Error, Equatable, CustomStringConvertible {
    /// A command template names a stat that is not among the callback's stats.
    case unknownPlaceholder(callback: String, placeholder: String, known: [String])
    /// A command template is malformed (an unclosed `{`, a lone `}`).
    case malformedCommand(callback: String, command: String, reason: String)
    /// A callback asks for step outputs the backend does not have.
    case unknownOutput(callback: String, name: String, known: [String])
    /// A callback writes files but the run has no log directory.
    case needsLogDirectory(callback: String)
    /// An argument is out of range.
    case invalidArgument(callback: String, message: String)

    public var description: String {
        switch self {
        case let .unknownPlaceholder(callback, placeholder, known):
            let hint = NameSuggestion.closest(to: placeholder, in: known).map { " Did you mean '{\($0)}'?" } ?? ""
            return "\(callback): the command uses the placeholder '{\(placeholder)}', which is not one of its stats.\(hint) "
                + "(known stats: \(known.isEmpty ? "none" : known.joined(separator: ", "))). Fix the name or add the stat to `stats`."
        case let .malformedCommand(callback, command, reason):
            return "\(callback): cannot read the command template '\(command)': \(reason). Write '{{' and '}}' for literal braces."
        case let .unknownOutput(callback, name, known):
            let hint = NameSuggestion.closest(to: name, in: known).map { " Did you mean '\($0)'?" } ?? ""
            return "\(callback): the backend has no step output '\(name)'.\(hint) (known outputs: \(known.isEmpty ? "none" : known.joined(separator: ", ")))"
        case let .needsLogDirectory(callback):
            return "\(callback) writes files into the log directory, but this run has none; set a log location in TrainConfig"
        case let .invalidArgument(callback, message):
            return "\(callback): \(message)"
        }
    }
}
