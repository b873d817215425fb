import Foundation
import LoomFormats

/// The characters of a text, each with an id (its index in ``characters``), for
/// character-level language models: the encoder of ``TextWindows``.
///
/// The ids depend only on the set of characters (they are sorted by their Unicode
/// scalars), so the same text always gives the same vocabulary. A run keeps its vocabulary
/// beside its checkpoints (``prepared(for:in:)``, the file ``fileName``): a resumed run or a
/// sampler reads the ids the weights were trained with, and a run restarted on another
/// text is stopped before it trains with mismatched ids.
public struct CharacterVocabulary: Sendable, Equatable {
    /// The name of the vocabulary file in a log directory.
    public static let fileName = "vocabulary.json"
    static let format = "loom-character-vocabulary"

    /// The characters, in id order.
    public let characters: [Character]
    private let ids: [Character: Int32]

    /// The vocabulary of `text`: its distinct characters, sorted.
    /// - Parameter text: The text.
    public init(text: String) {
        self.init(uniqueCharacters: Set(text))
    }

    /// A vocabulary of the given characters (duplicates ignored), sorted.
    /// - Parameter uniqueCharacters: The characters.
    public init<S: Sequence>(uniqueCharacters: S) where S.Element == Character {
        characters = Set(uniqueCharacters).sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }
        ids = Dictionary(uniqueKeysWithValues: characters.enumerated().map { ($1, Int32($0)) })
    }

    /// The number of characters.
    public var count: Int { characters.count }

    /// The id of `character`, or nil when it is not in the vocabulary.
    /// - Parameter character: The character.
    public func id(of character: Character) -> Int32? { ids[character] }

    /// The ids of every character of `text`.
    /// - Parameter text: A text whose characters are all in the vocabulary.
    /// - Returns: One id per character.
    /// - Throws: ``VocabularyError/unknownCharacter(_:offset:)`` for the first character that is not in it.
    public func encode(_ text: String) throws(VocabularyError) -> [Int32] {
        var result: [Int32] = []
        result.reserveCapacity(text.count)
        for (offset, character) in text.enumerated() {
            guard let id = ids[character] else { throw .unknownCharacter(String(character), offset: offset) }
            result.append(id)
        }
        return result
    }

    /// The text of `ids` (ids outside the vocabulary become U+FFFD).
    /// - Parameter ids: Character ids.
    /// - Returns: The text.
    public func decode<S: Sequence>(_ ids: S) -> String where S.Element: BinaryInteger {
        String(ids.map { characters.indices.contains(Int($0)) ? characters[Int($0)] : "\u{FFFD}" })
    }
}
