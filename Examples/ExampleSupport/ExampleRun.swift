import Foundation
import LoomTraining

/// How the examples run a configuration: ``AutoResume`` (a rerun with the same log
/// directory continues from its newest checkpoint) and a one-line summary to print.
public enum ExampleRun {
    /// Trains `config`, resuming when its log directory holds a checkpoint.
    /// - Parameters:
    ///   - config: The configuration (its `maxEpoch` is the target epoch).
    ///   - logDirectory: The log directory, for the summary.
    /// - Returns: The line to print: what was trained and from where.
    /// - Throws: What ``AutoResume`` throws.
    public static func train(_ config: TrainConfig, logDirectory: URL) throws -> String {
        switch try AutoResume(config).train() {
        case let .trained(_, resumedFrom):
            return "trained \(config.maxEpoch) epochs" + (resumedFrom.map { " (resumed from \($0.lastPathComponent))" } ?? "")
                + "; see \(logDirectory.path)"
        case let .alreadyFinished(checkpoint, epoch, _):
            return "already trained to epoch \(epoch) (\(checkpoint.lastPathComponent)); raise --epochs to continue"
        }
    }
}
