import ArgumentParser
import LoomTraining

/// The callbacks and monitors of `loom train` that `--no NAME` switches off, by a stable
/// name. Training itself, checkpoints and validation cannot be switched off.
enum CallbackName: String, CaseIterable, ExpressibleByArgument {
    /// ``TerminateOnNaN`` or ``RollbackOnNaN`` (`--nan-policy`).
    case nanGuard = "nan-guard"
    /// ``MinSaver`` of `val-error-top1`.
    case minSaver = "min-saver"
    /// ``ScheduledHyperParamSetter`` of the learning rate.
    case schedule
    /// ``HumanHyperParamSetter`` (`hyper.txt`).
    case humanHyper = "human-hyper"
    /// ``SendStat``.
    case sendStat = "send-stat"
    /// ``GPUUtilizationTracker``.
    case gpuTracker = "gpu-tracker"
    /// ``InjectShell``.
    case injectShell = "inject-shell"
    /// ``AttachConsole`` (`loom attach`).
    case attach
    /// ``MovingAverageSummary`` (a default).
    case movingAverage = "moving-average"
    /// ``ProgressBar`` (a default).
    case progressBar = "progress-bar"
    /// ``MergeAllSummaries`` (a default).
    case mergeSummaries = "merge-summaries"
    /// ``TFEventWriter`` (a default monitor).
    case tensorboard
    /// ``JSONWriter``, `stats.json` (a default monitor).
    case json
    /// ``ScalarPrinter`` (a default monitor).
    case scalarPrinter = "scalar-printer"

    /// Whether `callback` is the one this name switches off.
    func matches(_ callback: any Callback) -> Bool {
        switch self {
        case .nanGuard: return callback is TerminateOnNaN || callback is RollbackOnNaN
        case .minSaver: return callback is MinSaver
        case .schedule: return callback is ScheduledHyperParamSetter
        case .humanHyper: return callback is HumanHyperParamSetter
        case .sendStat: return callback is SendStat
        case .gpuTracker: return callback is GPUUtilizationTracker
        case .injectShell: return callback is InjectShell
        case .attach: return callback is AttachConsole
        case .movingAverage: return callback is MovingAverageSummary
        case .progressBar: return callback is ProgressBar
        case .mergeSummaries: return callback is MergeAllSummaries
        case .tensorboard: return callback is TFEventWriter
        case .json: return callback is JSONWriter
        case .scalarPrinter: return callback is ScalarPrinter
        }
    }
}
