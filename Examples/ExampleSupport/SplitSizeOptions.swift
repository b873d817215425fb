import ArgumentParser

/// The options of the examples that read a dataset's training and test splits
/// (`--train-size`, `--val-size`); unset means the whole split.
public struct SplitSizeOptions: ParsableArguments {
    /// Training samples to use (the first ones after shuffling).
    @Option(help: "Training samples to use (default: the whole training split).")
    public var trainSize: Int?
    /// Validation samples to use (the first ones of the test split).
    @Option(help: "Validation samples to use (default: the whole test split).")
    public var valSize: Int?

    /// Creates the options with nothing set.
    public init() {}

    /// Rejects values that are not positive.
    public func validate() throws {
        try PositiveOptions.check([("train-size", trainSize), ("val-size", valSize)])
    }
}
