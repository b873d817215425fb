import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import LoomTools
import Testing

/// Collects the SVG elements a test checks.
private final class SVGCollector: NSObject, XMLParserDelegate {
    var polylines: [(stat: String, points: Int)] = []
    var circles = 0
    var legend: [String] = []
    var yTicks: [String] = []
    private var stat: String?
    private var group: String?
    private var text: String?

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        if name == "g" {
            group = attributes["class"]
            stat = attributes["data-stat"]
        }
        if name == "polyline", let stat { polylines.append((stat, (attributes["points"] ?? "").split(separator: " ").count)) }
        if name == "circle" { circles += 1 }
        if name == "text" { text = "" }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { text? += string }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "text", let text {
            if group == "legend" { legend.append(text) }
            if group == "y-ticks" { yTicks.append(text) }
            self.text = nil
        }
        if name == "g" { group = nil; stat = nil }
    }
}

@Suite struct StatsPlotTests {
    private func parse(_ svg: String) -> SVGCollector? {
        let collector = SVGCollector()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = collector
        return parser.parse() ? collector : nil
    }

    @Test func onePolylinePerStatWithLegend() throws {
        let file = StatsFile(path: "/r/stats.json", rows: try StatsFile.parse(sampleStats, path: "s"))
        let svg = try StatsPlot(title: "run <1>").svg(file, stats: ["learning_rate", "train-error", "val-error"])
        let collector = try #require(parse(svg))
        #expect(collector.polylines.map(\.stat) == ["learning_rate", "train-error", "val-error"])
        #expect(collector.polylines.map(\.points) == [2, 1, 1])
        #expect(collector.circles == 4)
        #expect(collector.legend == ["learning_rate", "train-error", "val-error"])
        #expect(collector.yTicks == ["0", "0.1", "0.2", "0.3", "0.4", "0.5"])
    }

    @Test func nonFiniteValuesBreakTheLine() throws {
        let file = StatsFile(path: "/r/stats.json", rows: try StatsFile.parse(sampleStats, path: "s"))
        let svg = try StatsPlot(title: "run").svg(file)
        let collector = try #require(parse(svg))
        // loss: 2 points, a NaN gap, 1 point; the infinite validation loss draws nothing.
        #expect(collector.polylines.filter { $0.stat == "loss" }.map(\.points) == [2, 1])
        #expect(collector.polylines.contains { $0.stat == "validation_cross_entropy_loss" } == false)
        #expect(collector.legend == ["loss", "learning_rate", "train-error", "val-error", "validation_cross_entropy_loss"])
    }

    @Test func logAxisUsesPowersOfTen() throws {
        let file = StatsFile(path: "/r/stats.json", rows: try StatsFile.parse(sampleStats, path: "s"))
        let svg = try StatsPlot(title: "run", logY: true).svg(file, stats: ["loss", "learning_rate"])
        let collector = try #require(parse(svg))
        #expect(collector.yTicks == ["0.01", "0.02", "0.05", "0.1", "0.2", "0.5", "1", "2", "5", "10"])
    }

    @Test func ticksAreOneTwoFiveSteps() {
        #expect(NiceScale.linear(0, 1).ticks == [0, 0.2, 0.4, 0.6, 0.8, 1.0])
        #expect(NiceScale.linear(100, 400).ticks == [100, 150, 200, 250, 300, 350, 400])
        #expect(NiceScale.linear(0.31, 2.3).ticks == [0, 0.5, 1, 1.5, 2, 2.5])
        #expect(NiceScale.linear(-3, 97_000).ticks == [-20_000, 0, 20_000, 40_000, 60_000, 80_000, 100_000])
        #expect(NiceScale.linear(5, 5).ticks == [2, 3, 4, 5, 6, 7, 8])
        for (low, high) in [(0.0013, 0.0977), (1.0, 1e6), (-7.5, 3.25), (12.0, 13.0)] {
            let ticks = NiceScale.linear(low, high).ticks
            let step = ticks[1] - ticks[0]
            let mantissa = step / pow(10, log10(step).rounded(.down))
            #expect([1.0, 2.0, 5.0].contains { abs($0 - mantissa) < 1e-9 }, "step \(step) for \(low)...\(high)")
            #expect(ticks.first! <= low && ticks.last! >= high && ticks.count <= 9)
        }
        #expect(NiceScale.logarithmic(0.003, 40_000_000).ticks == [1e-3, 1e-1, 1e1, 1e3, 1e5, 1e7, 1e9])
    }

    @Test func unknownStatAndNothingToPlot() throws {
        let file = StatsFile(path: "/r/stats.json", rows: try StatsFile.parse(sampleStats, path: "s"))
        #expect(throws: StatsError.unknownStat("acc", path: "/r/stats.json", known: file.statNames)) { try StatsPlot(title: "r").svg(file, stats: ["acc"]) }
        #expect(throws: StatsError.nothingToPlot(path: "/r/stats.json", stats: ["validation_cross_entropy_loss"])) {
            try StatsPlot(title: "r").svg(file, stats: ["validation_cross_entropy_loss"])
        }
        #expect(StatsError.nothingToPlot(path: "/r/stats.json", stats: ["a", "b"]).description
            == "nothing to plot in '/r/stats.json': no finite value with a global_step for a, b")
    }
}
