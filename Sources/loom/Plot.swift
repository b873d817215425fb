import ArgumentParser
import Foundation
import LoomTools
import LoomTraining

/// `loom plot`: a run's training curves as a standalone SVG file.
struct Plot: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Plot a run's stats.json against the global step as an SVG file.",
        discussion: "Exits with status 2 when the file is missing or corrupt, or a --stat name is unknown."
    )

    @Argument(help: "A log directory (train_log/<name>) or a stats.json file.")
    var path: String

    @Option(name: .customLong("stat"), help: "A stat to plot on one shared axis (repeatable); default: one panel per stat that matters (losses, validation stats, the learning rate on a log axis, other run-level stats).")
    var stats: [String] = []

    @Option(name: .shortAndLong, help: "The SVG file to write.")
    var output: String

    @Flag(name: .customLong("log-y"), help: "With --stat: use a logarithmic y axis (values ≤ 0 are skipped).")
    var logY = false

    func run() throws {
        let url = StatsFile.resolve(path)
        let svg: String
        let file: StatsFile
        do {
            file = try StatsFile.load(url)
            let title = url.deletingLastPathComponent().lastPathComponent
            svg = stats.isEmpty ? try StatsPanels(title: title).svg(file) : try StatsPlot(title: title, logY: logY).svg(file, stats: stats)
        } catch {
            Terminal.error("loom plot: \(error)")
            throw ExitCode(2)
        }
        do {
            try AtomicFile.write(svg, to: URL(fileURLWithPath: output))
        } catch {
            Terminal.error("loom plot: \(error)")
            throw ExitCode(1)
        }
        let omitted = stats.isEmpty ? StatsPanels.omittedStats(file) : []
        if !omitted.isEmpty {
            Terminal.error("loom plot: \(omitted.count) more stat(s) not plotted: \(omitted.joined(separator: ", ")); choose with --stat NAME")
        }
        print("wrote \(output)")
    }
}
