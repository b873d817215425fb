import Foundation

/// Training curves of a `stats.json` as a standalone SVG document (`loom plot`): axes
/// with 1-2-5 ticks and labels, x = global step, one polyline per stat (split where a
/// value is not finite), points marked when few, and a legend.
public struct StatsPlot: Sendable {
    /// Distinct line colours (matplotlib's "tab10"); later series reuse them dashed.
    public static let palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"]
    /// Series with at most this many points get a marker on each point.
    public static let markerLimit = 40

    /// The plot's title (e.g. the run's name).
    public var title: String
    /// Whether the y axis is logarithmic.
    public var logY: Bool
    /// The document's width in pixels.
    public var width = 800
    /// The document's height in pixels.
    public var height = 480

    /// Creates a plot description.
    public init(title: String, logY: Bool = false) {
        self.title = title
        self.logY = logY
    }

    /// The stats plotted when none are chosen: the numeric stats in first-seen order, at
    /// most one per palette colour.
    public static func defaultStats(_ file: StatsFile) -> [String] {
        Array(file.statNames.prefix(palette.count))
    }

    /// The SVG document of `stats` (or ``defaultStats(_:)``) from `file`.
    ///
    /// - Throws: ``StatsError/unknownStat(_:path:known:)`` for a name not in the file,
    ///   ``StatsError/nothingToPlot(path:stats:)`` when no value can be drawn.
    public func svg(_ file: StatsFile, stats: [String]? = nil) throws(StatsError) -> String {
        if let stats { try file.validate(stats: stats) }
        let names = stats ?? Self.defaultStats(file)
        let series = PlotSeries.make(from: file.rows, stats: names)
        let drawable = series.flatMap { $0.segments(logarithmic: logY).joined() }
        guard let first = drawable.first else { throw .nothingToPlot(path: file.path, stats: names) }
        let xs = drawable.reduce((first.x, first.x)) { (min($0.0, $1.x), max($0.1, $1.x)) }
        let ys = drawable.reduce((first.y, first.y)) { (min($0.0, $1.y), max($0.1, $1.y)) }
        let frame = PlotFrame(
            width: Double(width), height: Double(height),
            x: NiceScale.linear(xs.0, xs.1),
            y: logY ? NiceScale.logarithmic(ys.0, ys.1) : NiceScale.linear(ys.0, ys.1)
        )
        var svg = SVGWriter(width: width, height: height, title: title)
        frame.drawAxes(into: &svg, yLabel: names.count == 1 ? names[0] : "value", title: title)
        for (index, item) in series.enumerated() {
            drawSeries(item, index: index, frame: frame, into: &svg)
        }
        drawLegend(names, frame: frame, into: &svg)
        return svg.finished()
    }

    private func drawSeries(_ series: PlotSeries, index: Int, frame: PlotFrame, into svg: inout SVGWriter) {
        Self.draw(series, style: Self.style(index), logarithmic: logY, frame: frame, into: &svg)
    }

    /// Draws `series` as polylines (broken at undrawable values), with markers when few.
    static func draw(_ series: PlotSeries, style: (color: String, dash: [(String, String)]), logarithmic: Bool,
                     frame: PlotFrame, into svg: inout SVGWriter) {
        let segments = series.segments(logarithmic: logarithmic)
        svg.open("g", ["class": "series", "data-stat": series.name])
        for segment in segments {
            let points = segment.map { frame.point($0.x, $0.y) }.map { "\(SVGWriter.number($0.x)),\(SVGWriter.number($0.y))" }
            svg.element("polyline", ["points": points.joined(separator: " "), "fill": "none", "stroke": style.color, "stroke-width": "1.5"], extra: style.dash)
        }
        if segments.reduce(0, { $0 + $1.count }) <= markerLimit {
            for point in segments.joined() {
                let at = frame.point(point.x, point.y)
                svg.element("circle", ["cx": SVGWriter.number(at.x), "cy": SVGWriter.number(at.y), "r": "2.5", "fill": style.color])
            }
        }
        svg.close("g")
    }

    private func drawLegend(_ names: [String], frame: PlotFrame, into svg: inout SVGWriter) {
        let longest = names.map(\.count).max() ?? 0
        let boxWidth = Double(longest) * 7 + 44
        let left = frame.right - boxWidth - 8
        let top = frame.top + 8
        svg.open("g", ["class": "legend"])
        svg.element("rect", ["x": SVGWriter.number(left), "y": SVGWriter.number(top), "width": SVGWriter.number(boxWidth),
                             "height": SVGWriter.number(Double(names.count) * 18 + 8), "fill": "white", "fill-opacity": "0.85", "stroke": "#999999"])
        for (index, name) in names.enumerated() {
            let y = top + 16 + Double(index) * 18
            let style = Self.style(index)
            svg.element("line", ["x1": SVGWriter.number(left + 8), "y1": SVGWriter.number(y - 4), "x2": SVGWriter.number(left + 30), "y2": SVGWriter.number(y - 4),
                                 "stroke": style.color, "stroke-width": "2"], extra: style.dash)
            svg.element("text", ["x": SVGWriter.number(left + 36), "y": SVGWriter.number(y)], text: name)
        }
        svg.close("g")
    }

    static func style(_ index: Int) -> (color: String, dash: [(String, String)]) {
        let color = palette[index % palette.count]
        return index < palette.count ? (color, []) : (color, [("stroke-dasharray", "6 3")])
    }
}
