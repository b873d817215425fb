import Foundation

/// The NaN guard's second policy: at a non-finite loss, roll back to the newest good
/// checkpoint with the learning rate cut by a factor, and continue (what tensorpack users
/// do by hand). The model and optimizer arrays and every stateful callback's state
/// (moving averages, best values, …) come from the checkpoint; the step counter and the
/// data keep moving forward, so the run does not replay the batches that diverged. After
/// ``maximumRollbacks`` rollbacks, or with no good checkpoint, it stops as
/// ``TerminateOnNaN`` does (a ``NumericsError``; no checkpoint of the diverged model is saved).
///
/// Needs a ``ModelSaver`` in the list (its checkpoints are the rollback points). The
/// rollback runs after the step's `triggerStep` round, so the diverged step's values are
/// still recorded in `stats.json`, as they happened.
public final class RollbackOnNaN: Callback {
    /// The factor the learning rate is multiplied by at each rollback (default 0.1).
    public let factor: Double
    /// Rollbacks allowed before the run stops (default 3).
    public let maximumRollbacks: Int
    /// The hyperparameter cut at each rollback (default `learning_rate`).
    public let parameter: String
    private let requested: [String]?
    private var outputs: [String] = []
    private var context: TrainerContext?
    private var saver: ModelSaver?
    /// How many rollbacks happened in this run.
    public private(set) var rollbacks = 0

    /// Creates the guard.
    /// - Parameters:
    ///   - factor: the learning-rate cut per rollback, in (0, 1).
    ///   - maximumRollbacks: rollbacks before stopping.
    ///   - parameter: the hyperparameter to cut.
    ///   - outputs: the step outputs watched (default `loss`, or `cost`).
    public init(factor: Double = 0.1, maximumRollbacks: Int = 3, parameter: String = "learning_rate", outputs: [String]? = nil) {
        self.factor = factor
        self.maximumRollbacks = maximumRollbacks
        self.parameter = parameter
        requested = outputs
    }

    public var chiefOnly: Bool { false }
    public var stepEvents: StepEvents { [.beforeStep, .afterStep] }

    public func setUp(_ context: TrainerContext) throws {
        guard factor > 0, factor < 1, maximumRollbacks >= 1 else {
            throw OperationsError.invalidArgument(callback: name, message: "factor must be in (0, 1) and maximumRollbacks at least 1")
        }
        let known = context.backend.outputNames
        if let requested {
            for name in requested where !known.contains(name) {
                throw OperationsError.unknownOutput(callback: name, name: name, known: known.sorted())
            }
            outputs = requested
        } else if let name = ["loss", "cost"].first(where: known.contains) {
            outputs = [name]
        } else {
            throw OperationsError.unknownOutput(callback: name, name: "loss", known: known.sorted())
        }
        _ = try context.hyperparameters.value(parameter)
        let registered = (context.trainer?.config.callbacks ?? []) + (context.trainer?.config.extraCallbacks ?? [])
        guard let saver = registered.lazy.compactMap(BestSaver.modelSaver(in:)).first else {
            throw SavingError.needsModelSaver(saver: name)
        }
        self.saver = saver
        self.context = context
    }

    public func beforeStep(_ request: inout StepRequest) throws { request.fetch(outputs) }

    public func afterStep(_ stepOutputs: StepOutputs) throws {
        guard let context else { return }
        for name in outputs {
            let bad: (index: Int, value: Double)?
            switch stepOutputs[name] {
            case let .scalar(number)? where !number.isFinite: bad = (0, number)
            case let .array(_, values)?: bad = NumericsError.firstNonFinite(values)
            default: bad = nil
            }
            guard let bad else { continue }
            let failure = NumericsError(globalStep: context.loop.globalStep, source: .output(name), index: bad.index, value: bad.value)
            guard rollbacks < maximumRollbacks else {
                context.logger.error("\(self.name): \(maximumRollbacks) rollbacks did not help; stopping")
                throw failure
            }
            try context.afterEpochLevelRound { [weak self] in try self?.rollBack(after: failure) }
            return
        }
    }

    private func rollBack(after failure: NumericsError) throws {
        guard let context, let store = saver?.store, let trainer = context.trainer else { throw failure }
        context.fileWriter.waitUntilIdle()  // checkpoints being written in the background are on disk
        let loaded: LoadedCheckpoint
        do {
            loaded = try store.loadLatest()
        } catch {
            context.logger.error("\(name): no good checkpoint to roll back to (\(error)); stopping")
            throw failure
        }
        saver?.logWarnings()
        let current = try context.backend.exportState()
        let arrays = try CheckpointRestore().arrays(from: loaded.checkpoint.arrays, path: loaded.url.path,
                                                    for: current.map(CheckpointVariable.init))
        try context.backend.importState(arrays)
        try trainer.restoreCallbackStates(loaded.checkpoint.trainingState())
        let rate = try context.hyperparameters.value(parameter)
        try context.hyperparameters.set(parameter, to: rate * factor)
        try context.monitors.put(scalar: rate * factor, name: parameter)
        rollbacks += 1
        let file = loaded.url.lastPathComponent, from = loaded.checkpoint.globalStep, now = context.loop.globalStep
        context.logger.warning("""
            \(name): \(failure.description); rolled back to \(file) (global_step \(from)) and cut \(parameter) \
            from \(rate) to \(rate * factor) (rollback \(rollbacks) of \(maximumRollbacks)); training goes on from global_step \(now)
            """)
    }
}
