import Foundation
import LoomEngine
import LoomTraining

/// The main job's callback list (the seed's, guarded): TerminateOnNaN, ModelSaver, InferenceRunner (top-1 and
/// top-5 errors, validation cost), MinSaver('val-error-top1'), the learning-rate schedule,
/// HumanHyperParamSetter('learning_rate'), SendStat, GPUUtilizationTracker, InjectShell.
/// The trainer adds the default callbacks (MovingAverageSummary, ProgressBar,
/// MergeAllSummaries, RunUpdateOps) and monitors (TFEventWriter, JSONWriter, ScalarPrinter).
struct TrainCallbacks {
    /// The checkpoint saver (the summary names its files).
    let saver: ModelSaver
    /// Every callback, in registration order.
    var list: [any Callback]

    /// - Parameter inferencers: The validation inferencers (default: top-1 and top-5 errors, cost).
    init<Source: ParallelInferenceSource>(job: TrainJob, validation: Source, inferencers: [any Inferencer]? = nil) {
        let inferencers: [any Inferencer] = inferencers ?? [
            ClassificationError(wrongName: "wrong-top1", summaryName: "val-error-top1"),
            ClassificationError(wrongName: "wrong-top5", summaryName: "val-error-top5"),
            ScalarStats("cost"),
        ]
        let runner: any Callback = job.validationWorkers > 1
            ? DataParallelInferenceRunner(validation, inferencers, workers: job.validationWorkers)
            : InferenceRunner(validation, inferencers)
        let shell = InjectShell()
        let saver = ModelSaver(stopOnSaveFailure: job.stopOnSaveFailure)
        self.saver = saver
        shell.saveCheckpoint = { try saver.saveCheckpoint() }
        shell.runValidation = { try runner.trigger() }
        list = [
            TerminateOnNaN(),  // before ModelSaver: a diverged model is never saved as the latest checkpoint
            saver,
            runner,
            MinSaver("val-error-top1"),
            ScheduledHyperParamSetter("learning_rate", schedule: job.learningRateSchedule),
            HumanHyperParamSetter("learning_rate"),
            SendStat(command: Self.sendStatCommand(logDirectory: job.logDirectory),
                     stats: ["val-error-top1", "val-error-top5", "learning_rate"]),
            GPUUtilizationTracker(),
            shell,
        ]
    }

    /// Appends the epoch's validation errors and learning rate to `<logdir>/sendstat.log`.
    static func sendStatCommand(logDirectory: URL) -> String {
        let file = logDirectory.appendingPathComponent("sendstat.log").path
        let quoted = "'" + file.replacingOccurrences(of: "'", with: "'\\''") + "'"
        let escaped = quoted.replacingOccurrences(of: "{", with: "{{").replacingOccurrences(of: "}", with: "}}")
        return "echo \"val-error-top1={val-error-top1} val-error-top5={val-error-top5} learning_rate={learning_rate}\" >> \(escaped)"
    }
}
