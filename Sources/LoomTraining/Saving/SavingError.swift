/// A saver, a session initialiser or an auto-resume could not do its work; each message
/// says what is wrong and what to do.
public enum SavingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A best-checkpoint saver found no ``ModelSaver`` whose checkpoints it could copy.
    case needsModelSaver(saver: String)
    /// A best-checkpoint saver's ModelSaver writes no files (no log directory).
    case noCheckpointDirectory(saver: String)
    /// ``ResumePolicy/required`` and the directory holds no checkpoint.
    case noCheckpointToResume(directory: String)
    /// Resuming needs a log directory (``LogLocation/none`` was configured).
    case resumeNeedsLogDirectory
    /// The latest checkpoint could not be restored into the backend or the callbacks.
    case cannotResume(file: String, reason: String)
    /// ``ModelSaver/saveCheckpoint()`` could not save.
    case saveFailed(step: Int, reason: String)
    /// The session-init checkpoint could not be imported into the backend.
    case cannotInitialize(file: String, reason: String)

    public var description: String {
        switch self {
        case let .needsModelSaver(saver):
            return "\(saver) copies the checkpoints of a ModelSaver, but the run has none; add ModelSaver() to the callbacks"
        case let .noCheckpointDirectory(saver):
            return "\(saver) needs checkpoints on disk, but the run has no log directory and its ModelSaver no directory; set a log location or ModelSaver(directory:)"
        case let .noCheckpointToResume(directory):
            return "resume is required but '\(directory)' holds no checkpoint (no checkpoint.json, no model-<step>.safetensors); start without resume or point to the right log directory"
        case .resumeNeedsLogDirectory:
            return "resume needs a log directory, but the run writes none (logLocation is .none); set logLocation or pass the checkpoint directory"
        case let .cannotResume(file, reason):
            return "cannot resume from '\(file)': \(reason)"
        case let .saveFailed(step, reason):
            return "could not save the checkpoint of global_step \(step): \(reason)"
        case let .cannotInitialize(file, reason):
            return "cannot initialise the model from '\(file)': \(reason)"
        }
    }
}
