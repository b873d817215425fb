import ArgumentParser
import LoomTraining

/// The `--log-dir-action` choice of `loom train`: what to do with an existing log directory
/// when not resuming.
enum LogDirectoryChoice: String, CaseIterable, ExpressibleByArgument {
    /// Keep the files and add to them.
    case keep
    /// Delete it if it is a Loom log directory (with `--force`: whatever it holds).
    case delete
    /// Rename it to `<dir>.<MMdd-HHmmss>`.
    case backup
    /// Stop with an error.
    case refuse

    /// The trainer's action; `force` applies to ``delete`` only (checked by `Train.validate()`).
    func action(force: Bool) -> LogDirectoryAction {
        switch self {
        case .keep: return .keep
        case .delete: return force ? .forceDelete : .delete
        case .backup: return .backUp
        case .refuse: return .refuse
        }
    }
}
