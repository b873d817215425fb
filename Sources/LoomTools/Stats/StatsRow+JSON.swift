import LoomTraining

extension StatsRow {
    /// The entry as one JSON line, members in file order with their original literals
    /// (`NaN`/`Infinity` as Python writes them); with `stats`, only those stats plus
    /// `epoch_num` and `global_step`.
    public func jsonLine(stats: [String]? = nil) -> String {
        let kept = fields.filter { field in
            guard let stats else { return true }
            return field.name == Self.epochKey || field.name == Self.stepKey || stats.contains(field.name)
        }
        return "{" + kept.map { JSONText.quoted($0.name) + ": " + $0.literal }.joined(separator: ", ") + "}"
    }
}
