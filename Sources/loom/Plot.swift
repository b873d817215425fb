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

    @Option(name: .customLong("stat"), help: "A stat to plot (repeatable); default: every stat (the first 10).")
    var stats: [String] = []

    @Option(name: .shortAndLong, help: "The SVG file to write.")
    var output: String

    @Flag(name: .customLong("log-y"), help: "Use a logarithmic y axis (values ≤ 0 are skipped).")
    var logY = false

    func run() throws {
        let url = StatsFile.resolve(path)
        let svg: String
        let file: StatsFile
        do {
            file = try StatsFile.load(url)
            let title = url.deletingLastPathComponent().lastPathComponent
            svg = try StatsPlot(title: title, logY: logY).svg(file, stats: stats.isEmpty ? nil : stats)
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
        let omitted = stats.isEmpty ? file.statNames.dropFirst(StatsPlot.palette.count) : []
        if !omitted.isEmpty {
            Terminal.error("loom plot: \(omitted.count) more stat(s) not plotted: \(omitted.joined(separator: ", ")); choose with --stat NAME")
        }
        print("wrote \(output)")
    }
}
