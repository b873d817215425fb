import ArgumentParser

/// `loom-bench data`: placeholder until the data benchmark lands.
struct DataBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "data", abstract: "Benchmarks of data (not yet written).")
    @OptionGroup var options: BenchOptions
    func run() throws {}
}
