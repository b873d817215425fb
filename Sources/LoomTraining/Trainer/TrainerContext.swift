import Foundation

/// What a callback may use, handed to ``Callback/setUp(_:)``: the loop counters, the
/// monitors hub, hyperparameters, the logger, the log directory, the environment, and
/// the backend. Keep it (weakly or strongly; it does not own the trainer).
public final class TrainerContext {
    /// The loop counters (epoch, global step, local step, ...).
    public let loop: LoopState
    /// The monitors hub: put stats, read their history.
    public let monitors: Monitors
    /// The backend's named hyperparameters.
    public let hyperparameters: Hyperparameters
    /// The trainer's logger (output and `log.log`).
    public let logger: Logger
    /// The run's log directory, or `nil` when the run writes no files.
    public let logDirectory: URL?
    /// Clock, output, variables, time zone.
    public let environment: TrainingEnvironment
    /// The backend (state export for savers, `InferenceBackend` casts for validation).
    public let backend: any TrainingBackend
    /// The error that ended the loop, set before `afterTrain` runs (`nil` while training
    /// and after a normal end or a ``StopTraining``): a saver must not save in
    /// `afterTrain` after a failure such as a `NumericsError`.
    public internal(set) var failure: (any Error)?
    /// The run's background file writer: submit checkpoint writes and other file work
    /// here so the training thread does not wait for the disk (``FileWriter``). Every job
    /// finished before `train()` returns.
    public let fileWriter: FileWriter
    weak var trainer: Trainer?
    /// The checkpoint-store warnings logged so far (``logStoreWarning(_:)``).
    private var loggedStoreWarnings: Set<String> = []

    init(loop: LoopState, monitors: Monitors, hyperparameters: Hyperparameters, logger: Logger,
         logDirectory: URL?, environment: TrainingEnvironment, backend: any TrainingBackend,
         fileWriter: FileWriter = FileWriter()) {
        self.fileWriter = fileWriter
        self.loop = loop
        self.monitors = monitors
        self.hyperparameters = hyperparameters
        self.logger = logger
        self.logDirectory = logDirectory
        self.environment = environment
        self.backend = backend
    }

    /// Logs a checkpoint store's warning unless this run logged the same one already: the
    /// resume, the saver and its first save each read the index, and a missing or damaged
    /// one would otherwise be reported by each until the first save writes a new index.
    func logStoreWarning(_ message: String) {
        if loggedStoreWarnings.insert(message).inserted { logger.warning("\(message)") }
    }

    /// The training state to store in a checkpoint now: counters (the epoch in progress
    /// counts as finished, so call it from `triggerEpoch`/`afterEpoch`), every stateful
    /// callback's state and the monitors' history.
    /// - Throws: a callback's export error, or ``TrainerError/trainerGone`` after the trainer is released.
    public func exportTrainingState() throws -> TrainingState {
        guard let trainer else { throw TrainerError.trainerGone }
        return try trainer.exportState()
    }

    /// Runs `action` once every callback finished the current epoch-level round
    /// (`beforeTrain`, or `triggerEpoch` with the `trigger()` calls inside it), so that it
    /// sees every callback's state after that round: ModelSaver writes its checkpoint this
    /// way. Actions run in the order they were added; one added by an action runs in the
    /// same pass. Outside those two rounds `action` runs at once. A ``StopTraining``
    /// thrown by an action takes effect as if thrown by a callback in that round.
    /// - Throws: the action's error when it runs at once.
    public func afterEpochLevelRound(_ action: @escaping () throws -> Void) throws {
        if collectsDeferredActions { deferredActions.append(action) } else { try action() }
    }

    /// Runs `body` (a checkpoint write) so that a second Ctrl-C or SIGTERM arriving
    /// meanwhile ends the process only after it, never in the middle of a save.
    public func uninterruptible<T>(_ body: () throws -> T) rethrows -> T {
        guard let trainer else { return try body() }
        return try trainer.interruptFlag.uninterruptible(body)
    }

    // The trainer sets and reads these around every step's round on the training thread
    // (an action is appended, never run, while they are borrowed): no access overlaps
    // another, so they skip the run-time exclusivity check.
    @exclusivity(unchecked) var collectsDeferredActions = false
    @exclusivity(unchecked) var deferredActions: [() throws -> Void] = []
}
