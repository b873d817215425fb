/// A problem the checkpoint store worked around (a corrupt latest checkpoint it skipped,
/// an index it rebuilt, a file it could not delete); passed to the store's warning handler.
public struct CheckpointWarning: Sendable, Equatable, CustomStringConvertible {
    /// The file concerned (last path component), e.g. `model-300.safetensors`.
    public var file: String
    /// What happened and what the store did about it.
    public var message: String

    /// Creates a warning about `file`.
    public init(file: String, message: String) {
        self.file = file
        self.message = message
    }

    public var description: String { message }
}
