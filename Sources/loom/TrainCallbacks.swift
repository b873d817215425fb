import Foundation
import LoomEngine
import LoomTraining

/// The main job's callback list (the seed's, guarded): TerminateOnNaN, ModelSaver, InferenceRunner (top-1 and
/// top-5 errors, validation cost), MinSaver('val-error-top1'), the learning-rate schedule,
/// HumanHyperParamSetter('learning_rate'), SendStat, GPUUtilizationTracker, InjectShell,
/// AttachConsole (`loom attach`), then
/// what the options add (EarlyStopping, TimeLimit, StepProfiler, HostResourceTracker).
/// The trainer's default callbacks (MovingAverageSummary, ProgressBar, MergeAllSummaries,
/// RunUpdateOps) and monitors (TFEventWriter, JSONWriter, ScalarPrinter) follow; `--no NAME`
/// removes any of them.
struct TrainCallbacks {
    /// The checkpoint saver (the summary names its files).
    let saver: ModelSaver
    /// Every callback, in registration order.
    var list: [any Callback]
    /// The default callbacks (``TrainConfig/extraCallbacks``).
    var extra: [any Callback]
    /// The monitors.
    var monitors: [any Monitor]

    /// - Parameter inferencers: The validation inferencers (default: top-1 and top-5 errors, cost).
    init<Source: ParallelInferenceSource>(job: TrainJob, validation: Source, inferencers: [any Inferencer]? = nil) {
        let inferencers: [any Inferencer] = inferencers ?? [
            ClassificationError(wrongName: "wrong-top1", summaryName: .valErrorTop1),
            ClassificationError(wrongName: "wrong-top5", summaryName: .valErrorTop5),
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
        let attach = AttachConsole()
        attach.saveCheckpoint = shell.saveCheckpoint
        attach.runValidation = shell.runValidation
        let options = job.callbackOptions
        let sendStat = options.sendStat.map { SendStat(command: $0, stats: (SendStat.placeholders(in: $0) ?? []).map { Stat($0) }) }
            ?? SendStat(command: Self.sendStatCommand(logDirectory: job.logDirectory),
                        stats: [.valErrorTop1, .valErrorTop5, .learningRate])
        var list: [any Callback] = [
            // Before ModelSaver: a diverged model is never saved as the latest checkpoint.
            options.nanPolicy == .rollback ? RollbackOnNaN() : TerminateOnNaN(),
            saver,
            runner,
            MinSaver(.valErrorTop1),
            ScheduledHyperParamSetter(.learningRate, schedule: job.learningRateSchedule),
            HumanHyperParamSetter(.learningRate),
            sendStat,
            GPUUtilizationTracker(),
            shell,
            attach,
        ]
        if let earlyStop = options.earlyStop { list.append(earlyStop.makeCallback()) }
        if let timeLimit = options.timeLimit { list.append(TimeLimit(seconds: timeLimit.seconds)) }
        if let profile = options.profileSteps { list.append(StepProfiler(steps: profile.steps)) }
        if options.trackHost { list.append(HostResourceTracker()) }
        var extra = defaultCallbacks()
        if let period = options.summaryEvery {
            extra = extra.map { $0 is MergeAllSummaries ? MergeAllSummaries(period: period) : $0 }
        }
        let disabled = options.disabled
        func kept(_ callback: any Callback) -> Bool { !disabled.contains { $0.matches(callback) } }
        self.list = list.filter(kept)
        self.extra = extra.filter(kept)
        monitors = defaultMonitors().filter(kept)
    }

    /// Appends the epoch's validation errors and learning rate to `<logdir>/sendstat.log`.
    static func sendStatCommand(logDirectory: URL) -> String {
        let file = logDirectory.appendingPathComponent("sendstat.log").path
        let quoted = "'" + file.replacingOccurrences(of: "'", with: "'\\''") + "'"
        let escaped = quoted.replacingOccurrences(of: "{", with: "{{").replacingOccurrences(of: "}", with: "}}")
        return "echo \"val-error-top1={val-error-top1} val-error-top5={val-error-top5} learning_rate={learning_rate}\" >> \(escaped)"
    }
}
