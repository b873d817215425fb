import Foundation

/// The training curves a user looks at first, as small multiples (`loom plot` without
/// `--stat`): one panel per stat, each with its own y axis, like TensorBoard's cards — the
/// training losses, every validation stat, the learning rate (on a log axis), then the other
/// run-level stats; per-layer summaries (`fc1/W/norm`) are left out.
public struct StatsPanels: Sendable {
    /// Panels at most (the rest are listed by ``omittedStats(_:)``).
    public static let maximumPanels = 12
    /// Panels per row.
    public static let columns = 3
    /// The size of one panel in pixels.
    public static let panelSize = (width: 400, height: 260)

    /// The document's title (e.g. the run's name).
    public var title: String

    /// Creates a panel plot description.
    public init(title: String) { self.title = title }

    /// The stats drawn, in order: ``StatsPriority`` order, without per-layer summaries.
    public static func stats(_ file: StatsFile) -> [String] {
        Array(StatsPriority.ordered(file.statNames).filter { !$0.contains("/") }.prefix(maximumPanels))
    }

    /// The stats of the file that get no panel.
    public static func omittedStats(_ file: StatsFile) -> [String] {
        let drawn = Set(stats(file))
        return file.statNames.filter { !drawn.contains($0) }
    }

    /// Whether `name` is drawn on a logarithmic axis: the learning rate, whose schedule
    /// drops by factors of ten.
    public static func isLogarithmic(_ name: String) -> Bool { name == "learning_rate" }

    /// The SVG document.
    ///
    /// - Throws: ``StatsError/nothingToPlot(path:stats:)`` when no stat has a drawable value.
    public func svg(_ file: StatsFile) throws(StatsError) -> String {
        let names = Self.stats(file)
        let series = PlotSeries.make(from: file.rows, stats: names).filter { !$0.segments(logarithmic: Self.isLogarithmic($0.name)).isEmpty }
        guard !series.isEmpty else { throw .nothingToPlot(path: file.path, stats: names) }
        let columns = min(Self.columns, series.count)
        let rows = (series.count + columns - 1) / columns
        let (panelWidth, panelHeight) = Self.panelSize
        let top = 36
        var svg = SVGWriter(width: columns * panelWidth, height: top + rows * panelHeight, title: title)
        svg.element("text", ["class": "title", "x": SVGWriter.number(Double(columns * panelWidth) / 2), "y": "24",
                             "text-anchor": "middle", "font-size": "16"], text: title)
        let steps = series.flatMap(\.points).map(\.x)
        let xScale = NiceScale.linear(steps.min() ?? 0, steps.max() ?? 1, maxTicks: 5)
        for (index, item) in series.enumerated() {
            let logarithmic = Self.isLogarithmic(item.name)
            let values = item.segments(logarithmic: logarithmic).joined().map(\.y)
            let low = values.min() ?? 0, high = values.max() ?? 1
            let frame = PlotFrame(width: Double(panelWidth), height: Double(panelHeight), x: xScale,
                                  y: logarithmic ? NiceScale.logarithmic(low, high) : NiceScale.linear(low, high, maxTicks: 5),
                                  origin: (Double(index % columns * panelWidth), Double(top + index / columns * panelHeight)))
            svg.open("g", ["class": "panel", "data-stat": item.name])
            frame.drawAxes(into: &svg, yLabel: "", title: item.name + (logarithmic ? " (log)" : ""))
            StatsPlot.draw(item, style: StatsPlot.style(0), logarithmic: logarithmic, frame: frame, into: &svg)
            svg.close("g")
        }
        return svg.finished()
    }
}
