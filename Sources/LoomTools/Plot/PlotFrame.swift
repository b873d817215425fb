/// The plot area inside an SVG document and its two scales.
struct PlotFrame {
    /// Margins around the plot area, in pixels.
    static let margins = (left: 80.0, right: 24.0, top: 40.0, bottom: 56.0)

    var width: Double
    var height: Double
    var x: NiceScale
    var y: NiceScale
    /// Where the frame's cell starts in the document (a panel of a grid; 0 for a whole plot).
    var origin: (x: Double, y: Double) = (0, 0)

    var left: Double { origin.x + Self.margins.left }
    var right: Double { origin.x + width - Self.margins.right }
    var top: Double { origin.y + Self.margins.top }
    var bottom: Double { origin.y + height - Self.margins.bottom }

    /// The pixel position of a data point.
    func point(_ xValue: Double, _ yValue: Double) -> (x: Double, y: Double) {
        (left + x.fraction(xValue) * (right - left), bottom - y.fraction(yValue) * (bottom - top))
    }

    /// Grid lines, the frame, ticks with labels, the axis labels and the title.
    func drawAxes(into svg: inout SVGWriter, yLabel: String, title: String) {
        let n = SVGWriter.number
        svg.open("g", ["class": "grid", "stroke": "#e6e6e6", "stroke-width": "1"])
        for tick in x.ticks {
            let px = point(tick, y.lower).x
            svg.element("line", ["x1": n(px), "y1": n(top), "x2": n(px), "y2": n(bottom)])
        }
        for tick in y.ticks {
            let py = point(x.lower, tick).y
            svg.element("line", ["x1": n(left), "y1": n(py), "x2": n(right), "y2": n(py)])
        }
        svg.close("g")
        svg.element("rect", ["x": n(left), "y": n(top), "width": n(right - left), "height": n(bottom - top), "fill": "none", "stroke": "#333333"])
        svg.open("g", ["class": "x-ticks", "text-anchor": "middle"])
        for tick in x.ticks {
            let px = point(tick, y.lower).x
            svg.element("line", ["x1": n(px), "y1": n(bottom), "x2": n(px), "y2": n(bottom + 5), "stroke": "#333333"])
            svg.element("text", ["x": n(px), "y": n(bottom + 18)], text: x.label(tick))
        }
        svg.close("g")
        svg.open("g", ["class": "y-ticks", "text-anchor": "end"])
        for tick in y.ticks {
            let py = point(x.lower, tick).y
            svg.element("line", ["x1": n(left - 5), "y1": n(py), "x2": n(left), "y2": n(py), "stroke": "#333333"])
            svg.element("text", ["x": n(left - 8), "y": n(py + 4)], text: y.label(tick))
        }
        svg.close("g")
        svg.element("text", ["class": "x-label", "x": n((left + right) / 2), "y": n(origin.y + height - 14), "text-anchor": "middle"], text: "global step")
        let middle = (top + bottom) / 2
        let labelX = n(origin.x + 18)
        if !yLabel.isEmpty {
            svg.element("text", ["class": "y-label", "x": labelX, "y": n(middle), "text-anchor": "middle", "transform": "rotate(-90 \(labelX) \(n(middle)))"], text: yLabel)
        }
        svg.element("text", ["class": "title", "x": n((left + right) / 2), "y": n(origin.y + 24), "text-anchor": "middle", "font-size": "15"], text: title)
    }
}
