import Foundation

/// Runs the training loop and drives every callback and monitor (docs/Architecture.md section 2).
///
/// ```swift
/// let trainer = Trainer(TrainConfig(backend: backend, callbacks: [ModelSaver()], stepsPerEpoch: 100, maxEpoch: 10))
/// let result = try trainer.train()
/// if result.wasInterrupted { exit(130) }
/// ```
/// Setup order: prepare the log directory, `setUp` every callback in registration order,
/// validate stat dependencies (consumers are moved after their producers, stably, and
/// the move is logged), restore a saved state if ``restore(_:)`` was called, build one
/// list per per-step event. Then the loop runs; `afterTrain` always follows.
public final class Trainer {
    /// The configuration this trainer runs.
    public let config: TrainConfig
    /// The loop counters.
    public let loop: LoopState
    /// The stats hub.
    public let monitors: Monitors
    /// The logger (the terminal handler of ``TrainConfig/terminalLog`` and `log.log`).
    public let logger: Logger
    /// The `log.log` handler inside ``logger``, opened by set-up.
    let logFile: LogFileHandler
    /// The log directory, once ``train()`` prepared it.
    public internal(set) var logDirectory: URL?
    /// The callbacks (monitors last) in the order the loop runs them; set up by ``train()``.
    public internal(set) var callbacks: [any Callback] = []
    /// Where the last run's time went, logged at its end; nil before ``train()`` ran its loop.
    public internal(set) var callbackProfile: CallbackProfile?

    let interruptFlag = InterruptFlag()
    /// The run's file work off the training thread; drained before ``train()`` returns.
    let fileWriter: FileWriter
    var context: TrainerContext?
    var pendingState: TrainingState?
    var isResuming = false
    var hasTrained = false
    /// The callbacks of each per-step event (with their profile rows), built by set-up.
    var stepLists: StepEventList.PerEvent = (StepEventList(), StepEventList(), StepEventList())
    var timingObserver: (any EventTimingObserver)?
    var profile = CallbackProfile(rows: [], stepsProfiled: false)
    var epochSeconds: [Double] = []
    /// When the run began (``train()``), and the epoch's step loop in progress (its start
    /// and first global step): what ``callbackProfileSoFar()`` adds up.
    var runStart: Double?
    var stepsInProgress: (start: Double, firstStep: Int)?
    var directoryLock: LogDirectoryLock?

    /// Creates a trainer for `config`; nothing runs until ``train()``.
    public init(_ config: TrainConfig) {
        self.config = config
        loop = LoopState(stepsPerEpoch: config.stepsPerEpoch, startEpoch: config.startEpoch,
                         maxEpoch: config.maxEpoch, isChief: config.isChief)
        monitors = Monitors(loop: loop)
        let log = TrainerLog(environment: config.environment, level: config.logLevel, terminal: config.terminalLog)
        logger = log.logger
        logFile = log.file
        fileWriter = FileWriter(maxPending: 8, interruptFlag: interruptFlag)
    }

    /// Asks the loop to stop after the current step, as Ctrl-C does (thread-safe).
    public func interrupt() { interruptFlag.request() }

    /// Makes the next ``train()`` resume from `state`: training starts at
    /// `state.epochNumber + 1` with `state.globalStep`; callback states and the monitors'
    /// history are restored after `setUp`; the existing log directory is kept.
    /// Call before ``train()``; restore the backend's arrays separately.
    public func restore(_ state: TrainingState) {
        pendingState = state
        isResuming = true
        loop.startEpoch = state.epochNumber + 1
        loop.startStepsIntoEpoch = state.stepsIntoEpoch
        loop.epochNumber = state.epochNumber
        loop.globalStep = state.globalStep
    }

    /// The state to store with a checkpoint: counters, stateful callbacks, stat history,
    /// the backend's hyperparameters.
    /// - Throws: a callback's or the backend's export error.
    public func exportState() throws -> TrainingState {
        var states: [String: StateValue] = [:]
        for case let callback as any StatefulCallback in callbacks.unwrapped {
            states[callback.stateKey] = try callback.exportState()
        }
        var hyperparameters: [String: Double] = [:]
        for name in config.backend.hyperparameterNames { hyperparameters[name] = try config.backend.hyperparameter(name) }
        return TrainingState(epochNumber: loop.epochNumber, globalStep: loop.globalStep,
                             callbacks: states, monitors: monitors.exportState(), hyperparameters: hyperparameters)
    }

    /// Runs setup, the loop and `afterTrain`.
    /// - Returns: how the run ended (completed, stopped by a callback, or interrupted).
    /// - Throws: a setup error (before any `beforeTrain`), the first error of the loop
    ///   (after every `afterTrain` ran), or ``TrainerError/afterTrainFailed(_:)``.
    public func train() throws -> TrainingResult {
        guard !hasTrained else { throw TrainerError.alreadyTrained }
        hasTrained = true
        defer {
            logFile.close()
            directoryLock?.release()
        }
        // Every background write is on disk (and reported) before the lock is released.
        defer { fileWriter.waitUntilIdle() }
        try setUp()
        let handler = InterruptHandler()
        if config.environment.handlesInterrupts { handler.install(interruptFlag) }
        defer { handler.uninstall() }

        var outcome = TrainingOutcome.completed
        var loopError: (any Error)?
        let runStart = config.environment.clock.now()
        self.runStart = runStart
        do {
            outcome = try runLoop()
        } catch {
            loopError = error
            context?.failure = error
            logger.error("Training failed at global_step=\(loop.globalStep): \(error)")
        }
        let failures = runAfterTrain()
        fileWriter.waitUntilIdle()
        profile.totalSeconds = config.environment.clock.now() - runStart
        callbackProfile = profile
        logger.info("\(profile.table())")
        if let loopError { throw loopError }
        if !failures.isEmpty { throw TrainerError.afterTrainFailed(failures) }
        return TrainingResult(outcome: outcome, epochNumber: loop.epochNumber, globalStep: loop.globalStep,
                              interruptSignal: outcome == .interrupted ? interruptFlag.signal : nil)
    }

    /// Calls every callback's `afterTrain`, each guarded; returns the failures' messages.
    private func runAfterTrain() -> [String] {
        var failures: [String] = []
        let clock = config.environment.clock
        for (row, callback) in callbacks.enumerated() {
            let start = clock.now()
            defer { profile.add(clock.now() - start, event: .afterTrain, row: row) }
            do { try callback.afterTrain() } catch {
                logger.error("\(callback.name).afterTrain failed: \(error)")
                failures.append("\(callback.name): \(error)")
            }
        }
        return failures
    }
}
