import ArgumentParser

/// The `loom` command-line tool.
@main
struct Loom: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "loom",
        abstract: "Loom: train neural networks in Swift, with callbacks for everything else.",
        subcommands: [Info.self, Stats.self, Plot.self, Inspect.self]
    )
}
