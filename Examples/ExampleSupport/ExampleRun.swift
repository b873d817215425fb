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
        summary(of: try AutoResume(config).train(), maxEpoch: config.maxEpoch, logDirectory: logDirectory)
    }

    /// The line to print after a run.
    /// - Parameters:
    ///   - result: What ``AutoResume/train()`` returned.
    ///   - maxEpoch: The epoch the run trained to.
    ///   - logDirectory: The log directory.
    /// - Returns: What was trained and from where.
    public static func summary(of result: AutoResumeResult, maxEpoch: Int, logDirectory: URL) -> String {
        switch result {
        case let .trained(_, resumedFrom):
            return "trained \(maxEpoch) epochs" + (resumedFrom.map { " (resumed from \($0.lastPathComponent))" } ?? "")
                + "; see \(logDirectory.path)"
        case let .alreadyFinished(checkpoint, epoch, _):
            return "already trained to epoch \(epoch) (\(checkpoint.lastPathComponent)); raise --epochs to continue"
        }
    }
}
