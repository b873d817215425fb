import ArgumentParser
import LoomTensor

/// `loom-bench`: release-build benchmarks of each Loom module (BENCHMARKS.md holds the figures).
@main
struct LoomBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "loom-bench",
        abstract: "Benchmarks of Loom's kernels, data pipeline and callback system.",
        subcommands: [KernelsBenchmark.self, EngineBenchmark.self, DataBenchmark.self, CallbacksBenchmark.self,
                      MonitorsBenchmark.self, CheckpointBenchmark.self, TrainBenchmark.self, SeedListBenchmark.self]
    )

    /// Runs the chosen benchmark; errors exit as ArgumentParser does.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            exit(withError: error)
        }
    }
}

/// Options every benchmark subcommand shares.
struct BenchOptions: ParsableArguments {
    @Flag(help: "Print one JSON object per line instead of a table.")
    var json = false

    @Option(help: "Repetitions per measurement; the median is reported.")
    var repeats = 5
}
