/// Why saved generator state cannot be restored (``SeededGenerator/init(state:)``).
public enum RandomStateError: Error, Equatable, CustomStringConvertible {
    /// The state has the wrong number of words.
    case wrongWordCount(Int)
    /// The state is all zero (xoshiro256** would only ever produce zeros).
    case allZero

    /// A message naming what was expected and what to do.
    public var description: String {
        switch self {
        case let .wrongWordCount(count):
            return "random generator state: expected 4 UInt64 words, found \(count); the checkpoint is damaged or from another generator"
        case .allZero:
            return "random generator state: all four words are zero, which xoshiro256** cannot use; the checkpoint is damaged"
        }
    }
}
