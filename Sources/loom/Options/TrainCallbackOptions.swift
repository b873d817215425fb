import ArgumentParser
import LoomTraining

/// The options of `loom train` that add, tune or switch off callbacks: every callback one
/// flag away.
struct TrainCallbackOptions: ParsableArguments {
    /// What to do when a step's loss is NaN or infinite.
    enum NaNPolicy: String, CaseIterable, ExpressibleByArgument {
        /// Stop training with an error (TerminateOnNaN, first in the list), before the
        /// diverged model is saved.
        case stop
        /// Roll back to the newest good checkpoint with the learning rate cut by 10 and go
        /// on (RollbackOnNaN; at most 3 times, then stop).
        case rollback
    }

    @Option(name: .customLong("early-stop"), help: ArgumentHelp(
        "Stop when STAT has not improved (decreased; add :max for stats where larger is better) for PATIENCE checks (default 3), e.g. val-error-top1:2.",
        valueName: "stat[:patience[:min|max]]"), transform: EarlyStopSpec.parse)
    var earlyStop: EarlyStopSpec?

    @Option(help: ArgumentHelp("Stop cleanly after this much training time, e.g. 90s, 15m, 2h, 1h30m (counts resumed runs too).",
                               valueName: "duration"), transform: TrainDuration.parse)
    var timeLimit: TrainDuration?

    @Option(help: "What to do at a NaN or infinite loss: stop, or roll back to the newest good checkpoint with the learning rate cut by 10 (at most 3 times).")
    var nanPolicy = NaNPolicy.stop

    @Option(help: ArgumentHelp("Profile global steps A through B (1-based) into <logdir>/trace-A-B.json (Chrome trace; open in ui.perfetto.dev).",
                               valueName: "A-B"), transform: StepRange.parse)
    var profileSteps: StepRange?

    @Flag(help: "Track the process's CPU use and memory each epoch (HostResourceTracker: HostCPU/…, HostMemory/… stats).")
    var trackHost = false

    @Option(help: ArgumentHelp("Summaries (weight histograms, norms) every N steps as well as at each epoch's end.", valueName: "n"))
    var summaryEvery: Int?

    @Option(help: ArgumentHelp("The SendStat command run after each epoch, with {stat} placeholders (default: append the validation errors and learning_rate to <logdir>/sendstat.log).",
                               valueName: "command"))
    var sendStat: String?

    @Option(name: .customLong("no"), help: ArgumentHelp("Switch off a callback or monitor (repeatable).", valueName: "callback"))
    var disabled: [CallbackName] = []

    @Flag(help: "Print the callbacks the run would use, in order, at each event of the loop, and exit without training.")
    var listCallbacks = false

    func validate() throws {
        if let summaryEvery, summaryEvery < 1 { throw ValidationError("--summary-every must be at least 1, got \(summaryEvery)") }
        if let sendStat, SendStat.placeholders(in: sendStat) == nil {
            throw ValidationError("--send-stat '\(sendStat)' has an unclosed '{' or a lone '}' (write {{ and }} for literal braces)")
        }
    }

    /// The options as a resumed run repeats them.
    var resumeArguments: [String] {
        var arguments: [String] = []
        if let earlyStop { arguments += ["--early-stop", earlyStop.argument] }
        if let timeLimit { arguments += ["--time-limit", timeLimit.argument] }
        if nanPolicy != .stop { arguments += ["--nan-policy", nanPolicy.rawValue] }
        if let profileSteps { arguments += ["--profile-steps", profileSteps.argument] }
        if trackHost { arguments.append("--track-host") }
        if let summaryEvery { arguments += ["--summary-every", String(summaryEvery)] }
        if let sendStat { arguments += ["--send-stat", Train.shellQuoted(sendStat)] }
        for name in disabled { arguments += ["--no", name.rawValue] }
        return arguments
    }
}
