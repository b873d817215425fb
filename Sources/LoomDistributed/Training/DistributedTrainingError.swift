/// An error of data-parallel training.
public enum DistributedTrainingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The resume state (data position, generator) could not be saved or restored.
    case resumeState(String)
    /// The model cannot be trained data-parallel this way (the message says why and what to do).
    case unsupportedModel(String)

    public var description: String {
        switch self {
        case let .resumeState(message):
            return message
        case let .unsupportedModel(reason):
            return "the model cannot be trained by DataParallelModelStep: \(reason)"
        }
    }
}
