/// One curve of a plot: a stat's values against the global step, in file order.
public struct PlotSeries: Sendable, Equatable {
    /// The stat's name (the legend label).
    public var name: String
    /// `(global step, value)` pairs; a non-finite value (or a non-positive one on a log
    /// axis) breaks the line.
    public var points: [(x: Double, y: Double)]

    /// Creates a series.
    public init(name: String, points: [(x: Double, y: Double)]) {
        self.name = name
        self.points = points
    }

    /// The series of `stats` in `rows` (entries without `global_step` are skipped).
    public static func make(from rows: [StatsRow], stats: [String]) -> [PlotSeries] {
        stats.map { name in
            PlotSeries(name: name, points: rows.compactMap { row in
                guard let x = row.step, x.isFinite, let y = row.value(name) else { return nil }
                return (x, y)
            })
        }
    }

    /// The runs of consecutive drawable points; `logarithmic` also drops values ≤ 0.
    public func segments(logarithmic: Bool) -> [[(x: Double, y: Double)]] {
        var result: [[(x: Double, y: Double)]] = []
        var current: [(x: Double, y: Double)] = []
        for point in points {
            if point.y.isFinite, !logarithmic || point.y > 0 {
                current.append(point)
            } else if !current.isEmpty {
                result.append(current)
                current = []
            }
        }
        if !current.isEmpty { result.append(current) }
        return result
    }

    public static func == (lhs: PlotSeries, rhs: PlotSeries) -> Bool {
        lhs.name == rhs.name && lhs.points.count == rhs.points.count
            && zip(lhs.points, rhs.points).allSatisfy { $0.x == $1.x && ($0.y == $1.y || ($0.y.isNaN && $1.y.isNaN)) }
    }
}
