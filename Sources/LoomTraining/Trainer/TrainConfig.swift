import Foundation

/// Where a run's files go.
public enum LogLocation: Sendable, Equatable {
    /// `train_log/<name>` under the environment's root directory.
    case automatic
    /// The given directory (a relative path resolves against the environment's root).
    case at(String)
    /// No log directory: no `log.log`, `stats.json` or other files.
    case none
}

/// What to do when the log directory already exists, is not empty, and the run is not
/// resuming from it. Never a prompt.
public enum LogDirectoryAction: Sendable, Equatable {
    /// Keep the files and add to them (`log.log` is appended to).
    case keep
    /// Delete the directory and start afresh, if it is a Loom log directory (only Loom's
    /// own files); otherwise stop with ``TrainerError/notALoomLogDirectory(path:foreign:)``.
    case delete
    /// Delete the directory and start afresh, whatever it holds.
    case forceDelete
    /// Rename it to `<dir>.<MMdd-HHmmss>` and start afresh.
    case backUp
    /// Stop with ``TrainerError/logDirectoryNotEmpty(path:)`` (the default).
    case refuse
}

/// Everything a ``Trainer`` runs: the backend, callbacks, monitors, the schedule, the
/// log directory and the environment.
public struct TrainConfig {
    /// The model side: steps, hyperparameters, state.
    public var backend: any TrainingBackend
    /// The run's callbacks, in order (stat consumers are moved after their producers).
    public var callbacks: [any Callback]
    /// Callbacks appended after ``callbacks`` (``defaultCallbacks()`` unless replaced).
    public var extraCallbacks: [any Callback]
    /// Monitors, registered after every callback (``defaultMonitors()`` unless replaced).
    public var monitors: [any Monitor]
    /// Steps in each epoch (0 allowed: callback-only epochs).
    public var stepsPerEpoch: Int
    /// The first epoch, 1-based.
    public var startEpoch: Int
    /// The last epoch, inclusive.
    public var maxEpoch: Int
    /// The run's name (the default log directory is `train_log/<name>`).
    public var name: String
    /// Where the run's files go.
    public var logLocation: LogLocation
    /// What to do with an existing non-empty log directory when not resuming.
    public var logDirectoryAction: LogDirectoryAction
    /// Whether this process is the chief of a multi-process run.
    public var isChief: Bool
    /// Clock, output, file-system root, environment variables.
    public var environment: TrainingEnvironment
    /// The least severe log level printed and written to `log.log`.
    public var logLevel: Logger.Level
    /// Which handler prints log lines (`log.log` always gets Loom's lines).
    public var terminalLog: TerminalLog
    /// Whether the trainer times every per-step event of every callback and the backend's
    /// `runStep` for ``Trainer/callbackProfile`` (two clock readings per callback per step;
    /// off by default). Epoch-level events are always timed.
    public var profilesCallbacks = false

    /// Creates a configuration; the defaults follow tensorpack's `TrainConfig`.
    public init(backend: any TrainingBackend, callbacks: [any Callback] = [],
                extraCallbacks: [any Callback] = defaultCallbacks(), monitors: [any Monitor] = defaultMonitors(),
                stepsPerEpoch: Int, startEpoch: Int = 1, maxEpoch: Int = 99_999, name: String = "run",
                logLocation: LogLocation = .automatic, logDirectoryAction: LogDirectoryAction = .refuse,
                isChief: Bool = true, environment: TrainingEnvironment = .live(), logLevel: Logger.Level = .info,
                terminalLog: TerminalLog = .outputSink) {
        self.backend = backend
        self.callbacks = callbacks
        self.extraCallbacks = extraCallbacks
        self.monitors = monitors
        self.stepsPerEpoch = stepsPerEpoch
        self.startEpoch = startEpoch
        self.maxEpoch = maxEpoch
        self.name = name
        self.logLocation = logLocation
        self.logDirectoryAction = logDirectoryAction
        self.isChief = isChief
        self.environment = environment
        self.logLevel = logLevel
        self.terminalLog = terminalLog
    }
}

/// How a run ended.
public enum TrainingOutcome: Sendable, Equatable {
    /// Every epoch up to `maxEpoch` ran.
    case completed
    /// A callback threw ``StopTraining`` with this reason.
    case stopped(String)
    /// Ctrl-C, SIGTERM or ``Trainer/interrupt()``; the CLI should exit non-zero
    /// (``TrainingResult/interruptSignal`` says which signal).
    case interrupted
}

/// What ``Trainer/train()`` returns when it ends without an error.
public struct TrainingResult: Sendable, Equatable {
    /// How the run ended.
    public var outcome: TrainingOutcome
    /// The last epoch that was entered.
    public var epochNumber: Int
    /// Finished steps.
    public var globalStep: Int
    /// The signal that interrupted the run (`SIGINT`, `SIGTERM`), or nil: a command-line
    /// tool exits with 128 + this signal, as a shell reports a process the signal ended.
    public var interruptSignal: Int32?

    /// Creates a result.
    public init(outcome: TrainingOutcome, epochNumber: Int, globalStep: Int, interruptSignal: Int32? = nil) {
        self.outcome = outcome
        self.epochNumber = epochNumber
        self.globalStep = globalStep
        self.interruptSignal = interruptSignal
    }

    /// Whether the run was interrupted by Ctrl-C, SIGTERM or ``Trainer/interrupt()`` (exit non-zero).
    public var wasInterrupted: Bool { outcome == .interrupted }
}
