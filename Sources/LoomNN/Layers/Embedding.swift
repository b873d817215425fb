import LoomTensor

/// A lookup table mapping integer ids to learned vectors: ids of any shape `S` give
/// vectors of shape `S + [embeddingSize]` (e.g. tokens `[N, T]` → `[N, T, D]`).
///
/// The gradient of the table is the output gradient scattered (added) into the rows that
/// were looked up; rows not used in a batch get zero. Ids outside `0..<vocabularySize` are
/// an ``EmbeddingError``: ``lookUp(_:)`` throws it, ``forward(_:context:)`` (whose input is a
/// `Tensor` of whole-number ids, as the ``Layer`` protocol requires) stops with its message.
///
/// State names: `W` (`[vocabularySize, embeddingSize]`), the table.
public final class Embedding: Layer {
    /// The table, `[vocabularySize, embeddingSize]`.
    public let table: Parameter

    /// The number of distinct ids.
    public var vocabularySize: Int { table.shape[0] }
    /// The length of each vector.
    public var embeddingSize: Int { table.shape[1] }

    /// Creates an embedding table.
    /// - Parameters:
    ///   - vocabularySize: The number of ids (ids run over `0..<vocabularySize`).
    ///   - embeddingSize: The length of each vector.
    ///   - initializer: How the table is drawn (fan-in is the vocabulary size, fan-out the
    ///     vector length).
    ///   - generator: The source of randomness.
    public init(vocabularySize: Int, embeddingSize: Int, initializer: Initializer = .glorotUniform,
                generator: inout SeededGenerator) {
        precondition(vocabularySize > 0 && embeddingSize > 0,
                     "Embedding: vocabularySize \(vocabularySize) and embeddingSize \(embeddingSize) must be positive")
        table = Parameter(initializer.make([vocabularySize, embeddingSize], fanIn: vocabularySize, fanOut: embeddingSize,
                                           generator: &generator))
    }

    /// Checks that every id is inside the vocabulary.
    /// - Parameter ids: The ids to look up.
    /// - Throws: ``EmbeddingError/idOutOfRange(id:position:vocabularySize:)`` for the first bad id.
    public func validate(_ ids: IndexTensor) throws(EmbeddingError) {
        for (position, id) in ids.indices.enumerated() where id < 0 || id >= vocabularySize {
            throw .idOutOfRange(id: id, position: position, vocabularySize: vocabularySize)
        }
    }

    /// Converts a tensor of whole-number ids to an ``IndexTensor`` and validates it.
    /// - Parameter ids: Float ids, each a whole number in `0..<vocabularySize`.
    /// - Returns: The same ids as integers.
    /// - Throws: ``EmbeddingError`` for the first id that is not a whole number or out of range.
    public func indices(from ids: Tensor) throws(EmbeddingError) -> IndexTensor {
        var result: [Int] = []
        result.reserveCapacity(ids.scalarCount)
        for (position, value) in ids.scalars.enumerated() {
            guard value.rounded() == value, abs(value) < 1e9 else { throw .notAnInteger(value: value, position: position) }
            result.append(Int(value))
        }
        let indices = IndexTensor(shape: ids.shape, indices: result)
        try validate(indices)
        return indices
    }

    /// The vectors of `ids`: shape `ids.shape + [embeddingSize]`.
    /// - Parameter ids: Ids in `0..<vocabularySize`.
    /// - Throws: ``EmbeddingError`` for an id out of range (nothing is recorded then).
    public func lookUp(_ ids: IndexTensor) throws(EmbeddingError) -> Tensor {
        try validate(ids)
        return table.value.gathering(ids, alongAxis: 0)
    }

    /// Looks up a tensor of whole-number ids; stops with the ``EmbeddingError`` message on a bad id.
    public func forward(_ input: Tensor, context: ForwardContext) -> Tensor {
        do {
            return try lookUp(indices(from: input))
        } catch {
            preconditionFailure(error.description)
        }
    }

    /// Reports `W`.
    public func visitState(prefix: String, _ visit: (String, StateEntry) -> Void) {
        visit(prefix + "W", .parameter(table))
    }
}
