/// Why a batch of ids cannot be looked up in an ``Embedding`` table.
public enum EmbeddingError: Error, Equatable, CustomStringConvertible {
    /// An id outside `0..<vocabularySize`.
    case idOutOfRange(id: Int, position: Int, vocabularySize: Int)
    /// A float id that is not a whole number (ids passed as a `Tensor`).
    case notAnInteger(value: Float, position: Int)

    /// A message naming the bad id and what to do about it.
    public var description: String {
        switch self {
        case let .idOutOfRange(id, position, vocabularySize):
            return "Embedding: id \(id) at position \(position) is outside 0..<\(vocabularySize) (the vocabulary size); "
                + "map unknown tokens to a reserved id or build the layer with a larger vocabulary"
        case let .notAnInteger(value, position):
            return "Embedding: id \(value) at position \(position) is not a whole number; pass token ids, not features"
        }
    }
}
