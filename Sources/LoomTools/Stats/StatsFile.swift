import Foundation

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
        do {
            return try StatsParser.parse(text)
        } catch {
            throw .corrupt(path: path, detail: error.detail, offset: error.offset)
        }
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
