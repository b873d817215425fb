/// Whether a run continues from the checkpoints in its log directory (``AutoResume``).
public enum ResumePolicy: Sendable, Equatable {
    /// Always start afresh (the log directory action applies as usual).
    case never
    /// Resume from the latest readable checkpoint when there is one, else start afresh.
    case ifAvailable
    /// Resume; no checkpoint is an error (``SavingError/noCheckpointToResume(directory:)``).
    case required
}
