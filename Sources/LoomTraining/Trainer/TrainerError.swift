/// Errors of the trainer's setup and loop; each message says what is wrong and what to do.
public enum TrainerError: Error, Equatable, CustomStringConvertible {
    /// A callback consumes a stat that no callback produces.
    case unknownStat(consumer: String, stat: String, known: [String], suggestion: String?)
    /// Callbacks consume each other's stats in a cycle.
    case statCycle(callbacks: [String])
    /// A hyperparameter name the backend does not have.
    case unknownHyperparameter(name: String, known: [String], suggestion: String?)
    /// Two stateful callbacks share a state key.
    case duplicateStateKey(String, callbacks: [String])
    /// The log directory exists, is not empty, and the action is ``LogDirectoryAction/refuse``.
    case logDirectoryNotEmpty(path: String)
    /// Another run holds the log directory's lock (one run per log directory).
    case logDirectoryLocked(path: String, holder: String)
    /// `delete` was asked for a directory holding files Loom did not write.
    case notALoomLogDirectory(path: String, foreign: [String])
    /// A file-system operation on the log directory failed.
    case logDirectory(path: String, operation: String, reason: String)
    /// The configuration is inconsistent.
    case invalidConfiguration(String)
    /// Training itself succeeded but some callbacks' `afterTrain` failed (each is logged).
    case afterTrainFailed([String])
    /// ``TrainerContext/exportTrainingState()`` was called after the trainer was released.
    case trainerGone
    /// ``Trainer/train()`` was called a second time on the same trainer.
    case alreadyTrained

    public var description: String {
        switch self {
        case let .unknownStat(consumer, stat, known, suggestion):
            let hint = suggestion.map { " Did you mean '\($0)'?" } ?? ""
            let list = known.isEmpty ? "no callback produces any stat" : "known stats: " + known.sorted().joined(separator: ", ")
            return "\(consumer) reads the stat '\(stat)', which no callback or backend produces.\(hint) (\(list)). Add the callback that produces it or fix the name."
        case let .statCycle(callbacks):
            return "callbacks consume each other's stats in a cycle: \(callbacks.joined(separator: " → ")); break the cycle by removing one dependency"
        case let .unknownHyperparameter(name, known, suggestion):
            let hint = suggestion.map { " Did you mean '\($0)'?" } ?? ""
            return "the backend has no hyperparameter '\(name)'.\(hint) (known: \(known.isEmpty ? "none" : known.joined(separator: ", ")))"
        case let .duplicateStateKey(key, callbacks):
            return "callbacks \(callbacks.joined(separator: ", ")) share the state key '\(key)'; give each a distinct key so their states can be restored"
        case let .logDirectoryNotEmpty(path):
            return "the log directory '\(path)' already exists and is not empty; choose an action (keep, delete, backUp) or another directory, or resume from it"
        case let .logDirectoryLocked(path, holder):
            return "the log directory '\(path)' is in use by another run (\(holder)); wait for it to end, stop it, or choose another directory"
        case let .notALoomLogDirectory(path, foreign):
            let shown = foreign.prefix(5).joined(separator: ", ") + (foreign.count > 5 ? " and \(foreign.count - 5) more" : "")
            return "refused to delete '\(path)': it is not a Loom log directory (it holds \(shown)); use backup to keep it, another directory, or force the deletion (--force)"
        case let .logDirectory(path, operation, reason):
            return "cannot \(operation) the log directory '\(path)': \(reason)"
        case let .invalidConfiguration(message):
            return "invalid training configuration: \(message)"
        case let .afterTrainFailed(messages):
            return "training finished but afterTrain failed for: " + messages.joined(separator: "; ")
        case .trainerGone:
            return "the trainer was released; the training state can only be exported during training"
        case .alreadyTrained:
            return "train() was already called on this trainer; create a new Trainer for another run"
        }
    }
}
