/// An error of the data-parallel training backend.
public enum DistributedTrainingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A callback asked for an output the backend does not produce.
    case unknownOutput(String, known: [String])
    /// The resume state (data position, generator) could not be saved or restored.
    case resumeState(String)
    /// The model cannot be trained data-parallel this way (the message says why and what to use).
    case unsupportedModel(String)

    public var description: String {
        switch self {
        case let .unknownOutput(name, known):
            return "the data-parallel classifier has no output '\(name)'; known outputs: \(known.joined(separator: ", "))"
        case let .resumeState(message):
            return message
        case let .unsupportedModel(reason):
            return "the model cannot be trained by DataParallelModelStep: \(reason)"
        }
    }
}
