/// An error of the data-parallel training backend.
public enum DistributedTrainingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A callback asked for an output the backend does not produce.
    case unknownOutput(String, known: [String])
    /// The resume state (data position, generator) could not be saved or restored.
    case resumeState(String)

    public var description: String {
        switch self {
        case let .unknownOutput(name, known):
            return "the data-parallel classifier has no output '\(name)'; known outputs: \(known.joined(separator: ", "))"
        case let .resumeState(message):
            return message
        }
    }
}
