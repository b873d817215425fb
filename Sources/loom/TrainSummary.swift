import Foundation
import LoomTraining

/// The lines `loom train` prints at the end: the best validation error and its epoch,
/// where the files are, how to resume and how to look at the curves.
struct TrainSummary {
    let job: TrainJob
    let trainer: Trainer
    let saver: ModelSaver
    let seconds: Double

    func text(_ result: AutoResumeResult) -> String {
        let directory = Self.display(job.logDirectory)
        var lines: [String] = []
        switch result {
        case let .trained(training, resumedFrom):
            let how: String
            switch training.outcome {
            case .completed: how = "finished"
            case let .stopped(reason): how = "stopped (\(reason))"
            case .interrupted: how = training.interruptSignal == SIGTERM ? "interrupted (SIGTERM)" : "interrupted (Ctrl-C)"
            }
            lines.append("Training \(how) at epoch \(training.epochNumber), global_step \(training.globalStep), after "
                + String(format: "%.1f s", seconds) + (resumedFrom.map { " (resumed from \($0.lastPathComponent))" } ?? "") + ".")
        case let .alreadyFinished(checkpoint, epoch, step):
            lines.append("Nothing to train: \(checkpoint.lastPathComponent) is at epoch \(epoch), global_step \(step); raise --epochs to train more.")
        }
        let history = trainer.monitors.history(Stat.valErrorTop1)
        if let best = history.min(by: { $0.value < $1.value }) {
            let steps = max(1, trainer.config.stepsPerEpoch)
            let epoch = (best.globalStep + steps - 1) / steps
            lines.append("Best val-error-top1: " + String(format: "%.4f", best.value) + " at epoch \(epoch) (global_step \(best.globalStep)); "
                + "last: " + String(format: "%.4f", history.last?.value ?? .nan))
        }
        let files = (try? FileManager.default.contentsOfDirectory(atPath: job.logDirectory.path)) ?? []
        let best = "min-val-error-top1.safetensors"
        if files.contains(best) { lines.append("Best checkpoint:   \(directory)/\(best)") }
        if let latest = saver.lastSavedURL { lines.append("Latest checkpoint: \(directory)/\(latest.lastPathComponent)") }
        if !saver.failedSaves.isEmpty {
            var seen = Set<Int>()
            let steps = saver.failedSaves.map(\.step).filter { seen.insert($0).inserted }.map(String.init).joined(separator: ", ")
            lines.append("NOT SAVED:         the checkpoints of global_step \(steps) could not be written (\(saver.failedSaves.last?.reason ?? ""))")
            if saver.lastSavedURL == nil { lines.append("                   no checkpoint of this run was written") }
        }
        if files.contains("stats.json") { lines.append("Stats:             \(directory)/stats.json") }
        if let events = files.filter({ $0.hasPrefix("events.out.tfevents.") }).sorted().last {
            lines.append("TensorBoard:       \(directory)/\(events)  (view: tensorboard --logdir \(directory))")
        }
        // A distributed run follows rank 0's hyper.txt and resumes from rank 0's checkpoints
        // too (started again under the same mpirun; optionsToRepeat keeps --distributed).
        lines.append("Log:               \(directory)/log.log; edit \(directory)/hyper.txt to change learning_rate live")
        let launcher = job.distributed ? "mpirun -np <ranks> " : ""
        lines.append("Resume or extend:  \(launcher)loom train --resume --logdir \(directory) --epochs N\(optionsToRepeat)")
        return lines.joined(separator: "\n")
    }

    /// The options a resumed run must repeat, from the parsed options (``Train/resumeArguments``).
    private var optionsToRepeat: String {
        job.resumeArguments.isEmpty ? "" : " " + job.resumeArguments.joined(separator: " ")
    }

    /// The path relative to the current directory when it is inside it.
    static func display(_ url: URL) -> String {
        let current = FileManager.default.currentDirectoryPath
        let path = url.path
        return path.hasPrefix(current + "/") ? String(path.dropFirst(current.count + 1)) : path
    }
}
