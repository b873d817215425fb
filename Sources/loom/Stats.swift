import ArgumentParser
import Foundation
import LoomTools

/// `loom stats`: a run's `stats.json` as a table or JSON lines, optionally following it.
struct Stats: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print a run's stats.json as a table fitted to the terminal (or JSON lines).",
        discussion: "Exits with status 2 when the file is missing or corrupt, or a --stat name is unknown."
    )

    @Argument(help: "A log directory (train_log/<name>) or a stats.json file.")
    var path: String

    @Option(name: .customLong("stat"), help: "A stat to show (repeatable); default: all that fit.")
    var stats: [String] = []

    @Option(help: "Show only the last N entries.")
    var last: Int?

    @Flag(help: "Print the entries as JSON lines instead of a table.")
    var json = false

    @Flag(help: "Keep watching the file and print new entries as the run writes them (Ctrl-C stops).")
    var follow = false

    func validate() throws {
        if let last, last < 0 { throw ValidationError("--last must be 0 or more, got \(last)") }
    }

    func run() throws {
        let url = StatsFile.resolve(path)
        let file: StatsFile
        do {
            file = try StatsFile.load(url)
            try file.validate(stats: stats)
        } catch {
            Terminal.error("loom stats: \(error)")
            throw ExitCode(2)
        }
        let chosen = stats.isEmpty ? nil : stats
        let kept = StatsTable.rows(file.rows, having: chosen)
        let shown = last.map { Array(kept.suffix($0)) } ?? kept
        var table = emit(shown, all: file.rows, table: nil)
        guard follow else { return }
        var follower = StatsFollower(rows: file.rows)
        var previous = (try? StatsFile.read(url)) ?? ""
        while true {
            Terminal.flush()
            Thread.sleep(forTimeInterval: 1)
            guard let text = try? StatsFile.read(url), text != previous else { continue }
            previous = text
            do {
                let added = try follower.update(text: text, path: url.path)
                let kept = StatsTable.rows(added, having: chosen)
                if !kept.isEmpty { table = emit(kept, all: follower.rows, table: table) }
            } catch {
                Terminal.error("loom stats: \(error); waiting for the next version")
            }
        }
    }

    /// Prints `rows` (a header first when the columns changed) and returns the table used.
    private func emit(_ rows: [StatsRow], all: [StatsRow], table: StatsTable?) -> StatsTable? {
        let chosen = stats.isEmpty ? nil : stats
        if json {
            for row in rows { print(row.jsonLine(stats: chosen)) }
            return nil
        }
        let names = chosen ?? StatsPriority.ordered(StatsRow.statNames(in: all))
        if let table, table.columns.map(\.key).dropFirst(2) + table.hidden == names[...] {
            for row in rows { print(table.line(row)) }
            return table
        }
        let fresh = StatsTable(stats: names, rows: follow ? all : rows, width: Terminal.width(),
                               minimumValueWidth: follow ? StatsNumber.typicalWidth : 0)
        print(fresh.render(rows), terminator: "")
        if let note = fresh.hiddenNote { Terminal.error(note) }
        return fresh
    }
}
