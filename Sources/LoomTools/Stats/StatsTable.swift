/// A `stats.json` table: epoch, step, then one column per stat, right-aligned, fitted
/// to a terminal width by hiding the rightmost stat columns (a name is never shortened).
public struct StatsTable: Sendable, Equatable {
    /// One displayed column.
    public struct Column: Sendable, Equatable {
        /// The `stats.json` key (`epoch_num`, `global_step` or a stat name).
        public var key: String
        /// The header as displayed (the full name).
        public var header: String
        /// The column's width in characters.
        public var width: Int
    }

    /// Space between columns.
    public static let separator = "  "

    /// The displayed columns, in order.
    public private(set) var columns: [Column]
    /// Stat columns that did not fit the width, in order.
    public private(set) var hidden: [String]

    /// Lays out a table.
    ///
    /// - Parameters:
    ///   - stats: the stat columns, in order (without `epoch_num`/`global_step`).
    ///   - rows: the rows whose values set each column's width.
    ///   - width: the terminal width to fit.
    ///   - minimumValueWidth: a lower bound for the value width of the step and stat
    ///     columns (`--follow` uses ``StatsNumber/typicalWidth`` so later rows line up).
    public init(stats: [String], rows: [StatsRow], width: Int, minimumValueWidth: Int = 0) {
        let keys = [StatsRow.epochKey, StatsRow.stepKey] + stats
        let headers = ["epoch", "step"] + stats
        var valueWidths = keys.enumerated().map { position, key in
            rows.reduce(position == 0 ? 0 : minimumValueWidth) { max($0, Self.cell(key, $1).count) }
        }
        valueWidths[0] = max(valueWidths[0], 1)
        let widths = zip(headers, valueWidths).map { max($0.count, $1) }
        func total(_ count: Int) -> Int {
            widths.prefix(count).reduce(0, +) + Self.separator.count * max(count - 1, 0)
        }
        var shown = widths.count
        while shown > 2, total(shown) > width { shown -= 1 }
        columns = (0..<shown).map { Column(key: keys[$0], header: headers[$0], width: widths[$0]) }
        hidden = Array(stats.dropFirst(shown - 2))
    }

    /// The header line.
    public var headerLine: String {
        Self.trimmed(columns.map { Self.pad($0.header, $0.width) }.joined(separator: Self.separator))
    }

    /// One row's line; blanks where the entry lacks a stat (no trailing spaces).
    public func line(_ row: StatsRow) -> String {
        Self.trimmed(columns.map { Self.pad(Self.cell($0.key, row), $0.width) }.joined(separator: Self.separator))
    }

    /// The rows of `rows` that hold at least one of `stats` (all rows when `stats` is nil).
    public static func rows(_ rows: [StatsRow], having stats: [String]?) -> [StatsRow] {
        guard let stats else { return rows }
        return rows.filter { row in stats.contains { row.field($0) != nil } }
    }

    /// The header and every row, one per line, each line ending in a newline.
    public func render(_ rows: [StatsRow]) -> String {
        ([headerLine] + rows.map(line)).map { $0 + "\n" }.joined()
    }

    /// A note for standard error about hidden columns, or nil when all fit.
    public var hiddenNote: String? {
        guard !hidden.isEmpty else { return nil }
        return "\(hidden.count) column(s) not shown for lack of width: \(hidden.joined(separator: ", ")); choose columns with --stat NAME"
    }

    /// The text of `key` in `row`: an integer for epoch and step, else 5 significant digits.
    static func cell(_ key: String, _ row: StatsRow) -> String {
        guard let value = row.value(key) else { return "" }
        return key == StatsRow.epochKey || key == StatsRow.stepKey ? StatsNumber.integer(value) : StatsNumber.format(value)
    }

    private static func trimmed(_ line: String) -> String {
        String(line.reversed().drop { $0 == " " }.reversed())
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
    }
}
