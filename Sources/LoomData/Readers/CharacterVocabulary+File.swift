import Foundation
import LoomFormats

/// The vocabulary file: `{"format": "loom-character-vocabulary", "characters": [...]}`, one
/// string per character in id order, written atomically (``AtomicFile``).
extension CharacterVocabulary {
    private struct File: Codable {
        var format: String
        var characters: [String]
    }

    /// Writes the vocabulary to `url` atomically (a crash leaves the old file or the new one).
    /// - Parameter url: The file.
    /// - Throws: ``VocabularyError/cannotWrite(path:reason:)``.
    public func save(to url: URL) throws(VocabularyError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        do {
            let data = try encoder.encode(File(format: Self.format, characters: characters.map { String($0) }))
            try AtomicFile.write(data, to: url)
        } catch {
            throw .cannotWrite(path: url.path, reason: "\(error)")
        }
    }

    /// Reads a vocabulary written by ``save(to:)``.
    /// - Parameter url: The file.
    /// - Returns: The vocabulary, with the ids it was saved with.
    /// - Throws: ``VocabularyError/cannotRead(path:reason:)`` for a missing or malformed file.
    public static func load(from url: URL) throws(VocabularyError) -> CharacterVocabulary {
        let file: File
        do {
            file = try JSONDecoder().decode(File.self, from: Data(contentsOf: url))
        } catch {
            throw .cannotRead(path: url.path, reason: "\(error)")
        }
        guard file.format == format else { throw .cannotRead(path: url.path, reason: "format is '\(file.format)', expected '\(format)'") }
        guard file.characters.allSatisfy({ $0.count == 1 }), Set(file.characters).count == file.characters.count else {
            throw .cannotRead(path: url.path, reason: "every entry must be one distinct character")
        }
        let vocabulary = CharacterVocabulary(uniqueCharacters: file.characters.compactMap(\.first))
        guard vocabulary.characters.map({ String($0) }) == file.characters else {
            throw .cannotRead(path: url.path, reason: "the characters are not in vocabulary order")
        }
        return vocabulary
    }

    /// The vocabulary of `text` for the run in `logDirectory`: written to ``fileName`` there
    /// on the first run; on a resumed run read back and checked against `text`.
    /// - Parameters:
    ///   - text: The training text.
    ///   - logDirectory: The run's log directory (created if missing).
    /// - Returns: The vocabulary.
    /// - Throws: ``VocabularyError/mismatch(path:saved:found:)`` when the saved vocabulary is
    ///   not the text's (the run was started on another text); read and write errors.
    public static func prepared(for text: String, in logDirectory: URL) throws(VocabularyError) -> CharacterVocabulary {
        let vocabulary = CharacterVocabulary(text: text)
        let url = logDirectory.appendingPathComponent(fileName)
        guard FileManager.default.fileExists(atPath: url.path) else {
            do {
                try FileManager.default.createDirectory(at: logDirectory, withIntermediateDirectories: true)
            } catch {
                throw .cannotWrite(path: logDirectory.path, reason: "\(error)")
            }
            try vocabulary.save(to: url)
            return vocabulary
        }
        let saved = try load(from: url)
        guard saved == vocabulary else { throw .mismatch(path: url.path, saved: saved.count, found: vocabulary.count) }
        return saved
    }
}
