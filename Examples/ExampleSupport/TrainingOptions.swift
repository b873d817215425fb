import ArgumentParser
import Foundation

/// The options every training example takes (`--epochs`, `--steps-per-epoch`,
/// `--batch-size`, `--logdir`); each example supplies its own defaults.
public struct TrainingOptions: ParsableArguments {
    /// Train until this epoch (rerunning with a larger value continues the run).
    @Option(help: "Train until this epoch (rerun with more to continue).")
    public var epochs: Int?
    /// Steps per epoch (default: one pass over the training data).
    @Option(help: "Steps per epoch (default: one pass over the training data).")
    public var stepsPerEpoch: Int?
    /// Samples per training batch.
    @Option(help: "Samples per training batch.")
    public var batchSize: Int?
    /// The log directory (checkpoints, stats.json, TensorBoard events); reruns resume from it.
    @Option(help: "The log directory; rerunning with the same one resumes.")
    public var logdir: String?

    /// Creates the options with nothing set.
    public init() {}

    /// Rejects values that are not positive.
    public func validate() throws {
        try PositiveOptions.check([("epochs", epochs), ("steps-per-epoch", stepsPerEpoch), ("batch-size", batchSize)])
    }

    /// The log directory, `fallback` when `--logdir` is not given.
    /// - Parameter fallback: The example's default directory.
    public func logDirectory(default fallback: String) -> URL { URL(fileURLWithPath: logdir ?? fallback) }
}
