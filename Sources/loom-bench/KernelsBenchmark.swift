import ArgumentParser

/// `loom-bench kernels`: placeholder until the kernels benchmark lands.
struct KernelsBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "kernels", abstract: "Benchmarks of kernels (not yet written).")
    @OptionGroup var options: BenchOptions
    func run() throws {}
}
