/// One scalar of a `stats.json` entry: its name, its value and the JSON literal it was
/// written as (so that `--json` output repeats the file exactly).
public struct StatsField: Sendable, Equatable {
    /// The stat's name, e.g. `val-error` or `global_step`.
    public var name: String
    /// The value; `NaN`/`Infinity`/`-Infinity` as Python's `json` writes them.
    public var value: Double
    /// The number as spelled in the file, e.g. `0.5`, `3` or `NaN`.
    public var literal: String

    /// Creates a field.
    public init(name: String, value: Double, literal: String) {
        self.name = name
        self.value = value
        self.literal = literal
    }

    /// Equal names and literals (so that two `NaN` fields are equal).
    public static func == (lhs: StatsField, rhs: StatsField) -> Bool {
        lhs.name == rhs.name && lhs.literal == rhs.literal
    }
}

/// One entry of `stats.json`: the scalars put since the previous flush plus `epoch_num`
/// and `global_step` (tensorpack's format), in file order.
public struct StatsRow: Sendable, Equatable {
    /// The key `stats.json` uses for the epoch.
    public static let epochKey = "epoch_num"
    /// The key `stats.json` uses for the global step.
    public static let stepKey = "global_step"

    /// The numeric members, in file order (non-numeric members are left out).
    public var fields: [StatsField]

    /// Creates a row.
    public init(fields: [StatsField]) { self.fields = fields }

    /// The field named `name`, if the entry has it.
    public func field(_ name: String) -> StatsField? { fields.first { $0.name == name } }

    /// The value of `name`, if the entry has it.
    public func value(_ name: String) -> Double? { field(name)?.value }

    /// The entry's `epoch_num`, if it has one.
    public var epoch: Double? { value(Self.epochKey) }

    /// The entry's `global_step`, if it has one.
    public var step: Double? { value(Self.stepKey) }

    /// The names of the stats in `rows`, in first-seen order, without `epoch_num` and `global_step`.
    public static func statNames(in rows: [StatsRow]) -> [String] {
        var seen: Set<String> = []
        var names: [String] = []
        for row in rows {
            for field in row.fields where field.name != epochKey && field.name != stepKey {
                if seen.insert(field.name).inserted { names.append(field.name) }
            }
        }
        return names
    }
}
