/// Why a text could not be encoded or a vocabulary file could not be used.
public enum VocabularyError: Error, Equatable, CustomStringConvertible {
    /// A character of the text is not in the vocabulary (at `offset`, in characters).
    case unknownCharacter(String, offset: Int)
    /// The vocabulary file could not be read or is malformed.
    case cannotRead(path: String, reason: String)
    /// The vocabulary file could not be written.
    case cannotWrite(path: String, reason: String)
    /// The saved vocabulary is not the vocabulary of the text given now.
    case mismatch(path: String, saved: Int, found: Int)

    /// The message, with what to do.
    public var description: String {
        switch self {
        case let .unknownCharacter(character, offset):
            return "character \(character.debugDescription) at offset \(offset) is not in the vocabulary; build the vocabulary from a text that contains it"
        case let .cannotRead(path, reason):
            return "cannot read the vocabulary \(path): \(reason); delete it to start a new run, or restore it from a backup"
        case let .cannotWrite(path, reason):
            return "cannot write the vocabulary \(path): \(reason); check that the directory is writable"
        case let .mismatch(path, saved, found):
            return "the run's vocabulary \(path) (\(saved) characters) is not the vocabulary of this text (\(found) characters): "
                + "the checkpoints were trained on another text; train on the same text, or use another log directory"
        }
    }
}
