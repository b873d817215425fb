/// Tracks a `stats.json` that a running job rewrites, yielding only the entries added
/// since the previous read (`loom stats --follow`).
public struct StatsFollower: Sendable {
    /// The entries seen so far.
    public private(set) var rows: [StatsRow]

    /// Starts from the entries already shown.
    public init(rows: [StatsRow] = []) { self.rows = rows }

    /// The entries of `new` that `old` did not have: the tail when `new` extends `old`;
    /// all of `new` when the file was replaced (a new run backed up the old one).
    public static func newRows(old: [StatsRow], new: [StatsRow]) -> [StatsRow] {
        if new.count >= old.count, Array(new.prefix(old.count)) == old {
            return Array(new.dropFirst(old.count))
        }
        return new
    }

    /// Records the file's new contents and returns its new entries.
    ///
    /// - Parameters:
    ///   - text: the file's contents now.
    ///   - path: the file's path, for the error message.
    /// - Throws: ``StatsError/corrupt(path:detail:offset:)``; the state is unchanged then.
    public mutating func update(text: String, path: String) throws(StatsError) -> [StatsRow] {
        let parsed = try StatsFile.parse(text, path: path)
        let added = Self.newRows(old: rows, new: parsed)
        rows = parsed
        return added
    }
}
