import ArgumentParser

/// `loom-bench callbacks`: placeholder until the callbacks benchmark lands.
struct CallbacksBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "callbacks", abstract: "Benchmarks of callbacks (not yet written).")
    @OptionGroup var options: BenchOptions
    func run() throws {}
}
