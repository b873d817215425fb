import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import LoomTools
import Testing

/// `loom plot` without `--stat`: one panel per stat that matters, each with its own axis.
@Suite struct StatsPanelsTests {
    /// A run's stats: losses, validation stats, the learning rate, per-layer norms.
    private let stats = """
    [{"learning_rate": 0.001, "epoch_num": 0, "global_step": 0}, \
    {"cost": 2.3, "fc1/W/norm": 5.7, "train-error-top1": 0.9, "val-error-top1": 0.5, "learning_rate": 0.0001, "epoch_num": 1, "global_step": 100}, \
    {"cost": 0.4, "fc1/W/norm": 6.1, "train-error-top1": 0.1, "val-error-top1": 0.05, "learning_rate": 1e-05, "epoch_num": 2, "global_step": 200}]
    """

    /// Each panel's stat and the labels of its y ticks.
    private func panels(_ svg: String) throws -> [(stat: String, yTicks: [String])] {
        final class Collector: NSObject, XMLParserDelegate {
            var panels: [(stat: String, yTicks: [String])] = []
            private var groups: [String] = []
            private var text: String?
            func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                        attributes: [String: String] = [:]) {
                if name == "g" {
                    groups.append(attributes["class"] ?? "")
                    if attributes["class"] == "panel", let stat = attributes["data-stat"] { panels.append((stat, [])) }
                }
                if name == "text" { text = "" }
            }
            func parser(_ parser: XMLParser, foundCharacters string: String) { text? += string }
            func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
                if name == "text", let text, groups.last == "y-ticks", !panels.isEmpty { panels[panels.count - 1].yTicks.append(text) }
                if name == "text" { text = nil }
                if name == "g" { groups.removeLast() }
            }
        }
        let collector = Collector()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = collector
        try #require(parser.parse(), "the panel plot is not well-formed XML")
        return collector.panels
    }

    @Test func lossesValidationAndLearningRateFirstOnePanelEach() throws {
        let file = StatsFile(path: "/r/stats.json", rows: try StatsFile.parse(stats, path: "s"))
        #expect(StatsPanels.stats(file) == ["cost", "val-error-top1", "learning_rate", "train-error-top1"])
        #expect(StatsPanels.omittedStats(file) == ["fc1/W/norm"])
        let drawn = try panels(try StatsPanels(title: "run").svg(file))
        #expect(drawn.map(\.stat) == ["cost", "val-error-top1", "learning_rate", "train-error-top1"])
        // Each panel has its own y axis; the learning rate's is logarithmic (powers of ten).
        #expect(drawn[1].yTicks.first == "0" && drawn[1].yTicks.count >= 3)
        #expect(drawn[2].yTicks == ["1e-05", "2e-05", "5e-05", "0.0001", "0.0002", "0.0005", "0.001"])
        #expect(drawn[0].yTicks != drawn[1].yTicks)
    }

    @Test func nothingDrawableIsAnError() throws {
        let file = StatsFile(path: "/r/stats.json", rows: try StatsFile.parse(#"[{"fc/W/norm": 1, "epoch_num": 1, "global_step": 1}]"#, path: "s"))
        #expect(throws: StatsError.self) { _ = try StatsPanels(title: "run").svg(file) }
    }
}
