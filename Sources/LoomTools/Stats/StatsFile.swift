import Foundation
import LoomFormats

/// A run's `stats.json`, read whole (the writer replaces it atomically, so every read
/// sees a complete file).
public struct StatsFile: Sendable, Equatable {
    /// The file's path, as given or resolved.
    public var path: String
    /// The entries, in file order.
    public var rows: [StatsRow]

    /// Creates a stats file value from parsed rows.
    public init(path: String, rows: [StatsRow]) {
        self.path = path
        self.rows = rows
    }

    /// `argument` itself, or `argument/stats.json` when it is a directory.
    public static func resolve(_ argument: String) -> URL {
        let url = URL(fileURLWithPath: argument)
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue {
            return url.appendingPathComponent("stats.json")
        }
        return url
    }

    /// Reads and parses the file at `url`.
    ///
    /// - Throws: ``StatsError/missing(path:)``, ``StatsError/unreadable(path:reason:)`` or
    ///   ``StatsError/corrupt(path:detail:offset:)``.
    public static func load(_ url: URL) throws(StatsError) -> StatsFile {
        StatsFile(path: url.path, rows: try parse(try read(url), path: url.path))
    }

    /// The file's text.
    ///
    /// - Throws: ``StatsError/missing(path:)`` or ``StatsError/unreadable(path:reason:)``.
    public static func read(_ url: URL) throws(StatsError) -> String {
        guard FileManager.default.fileExists(atPath: url.path) else { throw .missing(path: url.path) }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw .unreadable(path: url.path, reason: "permission denied or not a regular file")
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// Parses `stats.json` text.
    ///
    /// - Parameters:
    ///   - text: the file's contents.
    ///   - path: the file's path, for the error message.
    /// - Throws: ``StatsError/corrupt(path:detail:offset:)`` naming the problem and its byte offset.
    public static func parse(_ text: String, path: String) throws(StatsError) -> [StatsRow] {
        guard !text.allSatisfy(\.isWhitespace) else { throw .corrupt(path: path, detail: "the file is empty", offset: 0) }
        let root: JSONDocument.Node
        do {
            root = try JSONDocument.parse(text)
        } catch {
            throw .corrupt(path: path, detail: error.message, offset: error.offset)
        }
        guard let entries = root.value.elements else {
            throw .corrupt(path: path, detail: "expected a JSON array", offset: root.range.lowerBound)
        }
        var rows: [StatsRow] = []
        for entry in entries {
            guard let members = entry.value.members else {
                throw .corrupt(path: path, detail: "expected an object (each entry is a JSON object)", offset: entry.range.lowerBound)
            }
            var fields: [StatsField] = []
            for (name, node) in members {
                guard case let .number(literal) = node.value, let value = node.value.doubleValue else { continue }
                fields.removeAll { $0.name == name }
                fields.append(StatsField(name: name, value: value, literal: literal))
            }
            rows.append(StatsRow(fields: fields))
        }
        return rows
    }

    /// The stat names in first-seen order, without `epoch_num` and `global_step`.
    public var statNames: [String] { StatsRow.statNames(in: rows) }

    /// Checks that each of `names` is a stat of the file.
    ///
    /// - Throws: ``StatsError/unknownStat(_:path:known:)`` for the first unknown name.
    public func validate(stats names: [String]) throws(StatsError) {
        let known = statNames
        for name in names where !known.contains(name) {
            throw .unknownStat(name, path: path, known: known)
        }
    }
}
