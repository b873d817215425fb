import Foundation

/// Saves a checkpoint of the whole run (tensorpack `ModelSaver`): the backend's arrays,
/// its data position and RNG state, the counters, every stateful callback's state and
/// the monitors' history (see ``Checkpoint/init(snapshotOf:midEpoch:)`` for where each
/// goes), as `model-<globalStep>.safetensors` through a ``CheckpointStore`` that keeps the
/// newest `maxToKeep` (and one every `keepEveryNHours`), and logs "Model saved to <file>."
///
/// - When: on ``trigger()``, every epoch by default; wrap it in ``PeriodicTrigger`` for
///   every k steps or epochs. A trigger inside `triggerEpoch` (or `beforeTrain`) saves
///   once **every** callback finished that round, so the checkpoint holds the state a
///   resumed run must start from; a step trigger saves at once (a mid-epoch checkpoint).
///   A step is saved once: a second request for the same step reuses the file.
/// - At the end (`afterTrain`) it saves the final step when the latest checkpoint is
///   older, if the loop ended without an error (``TrainerContext/failure`` is `nil`: a
///   completed run, a ``StopTraining`` such as a time limit, or Ctrl-C) and the latest
///   values of the backend's moving-average stats (e.g. `loss`) are finite.
/// - The snapshot is taken on the training thread; serialising, writing, syncing and the
///   index update run on the run's ``FileWriter`` (``TrainerContext/fileWriter``), so
///   training goes on meanwhile. `checkpoint.json` names a checkpoint as the latest only
///   once its file is on disk; "Model saved to" and failures are logged when the write
///   finished. With `stopOnSaveFailure`, and for ``saveNow()``/``saveCheckpoint()`` and
///   the final save, the saver waits for the write.
/// - A write failure (disk full, no permission) is logged once per distinct error and
///   training goes on; the previous checkpoints stay valid.
/// - Chief-only. Without a log directory (and no `directory`) it saves nothing and says so.
public final class ModelSaver: Callback {
    /// Recent checkpoints to keep.
    public let maxToKeep: Int
    /// Also keep forever one checkpoint per this many hours (`nil`: none).
    public let keepEveryNHours: Double?
    let requestedDirectory: URL?
    private var context: TrainerContext?
    private var inEpoch = false
    private var lastSavedStep: Int?
    /// The step of the newest save submitted to the file writer and not finished yet.
    private var pendingStep: Int?
    private let warnings = WarningCollector()
    private var lastError: (any Error)?

    /// The store the checkpoints go through, once set up (`nil` without a directory).
    public private(set) var store: CheckpointStore?
    /// The file of the last successful save, if any.
    public private(set) var lastSavedURL: URL?

    /// Creates the saver.
    /// - Parameters:
    ///   - maxToKeep: recent checkpoints to keep (at least 1).
    ///   - keepEveryNHours: additionally keep one checkpoint per this many hours of the run's clock.
    ///   - directory: where checkpoints go; `nil` = the log directory (created if needed).
    public init(maxToKeep: Int = 10, keepEveryNHours: Double? = nil, directory: URL? = nil, stopOnSaveFailure: Bool = false) {
        self.maxToKeep = maxToKeep
        self.keepEveryNHours = keepEveryNHours
        self.stopsOnSaveFailure = stopOnSaveFailure
        requestedDirectory = directory
    }

    /// Whether training stops (cleanly, through ``StopTraining``) at the first failed save
    /// instead of going on without checkpoints.
    public let stopsOnSaveFailure: Bool

    /// Every save that failed this run (a full disk, a refused non-finite model), in order.
    public private(set) var failedSaves: [SaveFailure] = []

    /// Whether the run's final checkpoint (at ``Callback/afterTrain()``) could not be
    /// written: a command-line tool should then exit non-zero.
    public private(set) var finalSaveFailed = false

    public var stepEvents: StepEvents { [] }

    public func setUp(_ context: TrainerContext) throws {
        self.context = context
        guard let directory = requestedDirectory ?? context.logDirectory else {
            context.logger.warning("ModelSaver: the run has no log directory and no directory was given; no checkpoint is saved")
            return
        }
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw TrainerError.logDirectory(path: directory.path, operation: "create the checkpoint directory", reason: "\(error)")
        }
        let collector = warnings
        store = CheckpointStore(directory: directory, maxToKeep: maxToKeep, keepEveryNHours: keepEveryNHours,
                                warn: { collector.add($0.message) })
        lastSavedStep = store?.latest()?.step
        logWarnings()
    }

    public func beforeEpoch() throws { inEpoch = true }
    public func afterEpoch() throws { inEpoch = false }

    public func trigger() throws {
        try context?.afterEpochLevelRound { [weak self] in
            guard let self, self.save(waiting: self.stopsOnSaveFailure) == nil, self.stopsOnSaveFailure,
                  let failure = self.failedSaves.last else { return }
            throw StopTraining("the checkpoint of global_step \(failure.step) could not be saved (\(failure.reason))")
        }
    }

    public func afterTrain() throws {
        guard let context, store != nil else { return }
        context.fileWriter.waitUntilIdle()
        if let failure = context.failure {
            context.logger.info("ModelSaver: no final checkpoint, training failed (\(failure))")
            return
        }
        let names = Set(context.backend.movingAverageNames + [Stat.loss.name])
        if let bad = names.sorted().first(where: { context.monitors.latest($0).map { !$0.isFinite } ?? false }) {
            context.logger.warning("ModelSaver: no final checkpoint, the latest '\(bad)' is \(context.monitors.latest(bad) ?? .nan)")
            return
        }
        if (lastSavedStep ?? -1) < context.loop.globalStep, save(waiting: true) == nil, lastError != nil { finalSaveFailed = true }
    }

    /// Saves the current step now (for the debug console, or a saver that needs the
    /// checkpoint of this step); reuses the file when this step was already saved.
    /// - Returns: the checkpoint's file, or `nil` when nothing could be saved (logged).
    @discardableResult
    public func saveNow() -> URL? { save(waiting: true) }

    /// Makes sure a checkpoint of the current step is saved or being saved, without
    /// waiting for the disk; a job submitted to the file writer afterwards sees its file.
    /// - Returns: whether such a checkpoint exists or is being written.
    func saveSoon() -> Bool {
        guard let context else { return false }
        return pendingStep == context.loop.globalStep || save(waiting: false) != nil
    }

    /// Like ``saveNow()``, but throwing: connect it to `InjectShell.saveCheckpoint`
    /// (`shell.saveCheckpoint = saver.saveCheckpoint`).
    /// - Returns: the checkpoint's file.
    /// - Throws: ``SavingError/saveFailed(step:reason:)`` with the store's error, or when
    ///   the saver has no directory or is not set up.
    public func saveCheckpoint() throws -> URL {
        if let url = save(waiting: true) { return url }
        let step = context?.loop.globalStep ?? 0
        let reason = lastError.map { "\($0)" } ?? (context == nil ? "the saver is not set up (training has not started)"
                                                                    : "the run has no log directory and the saver no directory")
        throw SavingError.saveFailed(step: step, reason: reason)
    }

    /// The step of the last successful save (or the latest in the store at start).
    public var latestSavedStep: Int? { lastSavedStep }

    /// Logs the warnings the store reported (it cannot hold the non-Sendable logger), each
    /// once per run.
    func logWarnings() {
        for message in warnings.drain() { context?.logStoreWarning(message) }
    }

    /// Takes the snapshot now and writes it on the file writer; with `waiting`, waits for
    /// the write. Returns the checkpoint's file (for a write still running: where it goes),
    /// or `nil` when nothing could be saved (logged).
    @discardableResult
    private func save(waiting: Bool) -> URL? {
        defer { logWarnings() }
        lastError = nil
        guard let context, let store else { return nil }
        let step = context.loop.globalStep
        if lastSavedStep == step, let lastSavedURL { return lastSavedURL }
        let url = store.url(step: step)
        if pendingStep != step {
            let checkpoint: Checkpoint
            do {
                checkpoint = try Checkpoint(snapshotOf: context, midEpoch: inEpoch)
            } catch {
                lastError = error
                report(error, step: step)
                return nil
            }
            pendingStep = step
            context.fileWriter.submit({ Result { () throws(CheckpointError) in try store.save(checkpoint) } },
                                      completion: { [weak self] in self?.finish($0, step: step, url: url) })
        }
        guard waiting else { return url }
        context.fileWriter.waitUntilIdle()
        return lastSavedStep == step ? url : nil
    }

    /// Records a finished write (on the training thread).
    private func finish(_ result: Result<CheckpointIndex.Entry, CheckpointError>, step: Int, url: URL) {
        defer { logWarnings() }
        if pendingStep == step { pendingStep = nil }
        switch result {
        case .success:
            lastSavedStep = step
            lastSavedURL = url
            lastError = nil
            context?.logger.info("Model saved to \(url.path).")
        case let .failure(error):
            lastError = error
            report(error, step: step)
        }
    }

    private func report(_ error: any Error, step: Int) {
        failedSaves.append(SaveFailure(step: step, reason: "\(error)"))
        guard let context else { return }
        let good = lastSavedURL.map { "the newest good checkpoint is \($0.lastPathComponent)" } ?? "no checkpoint of this run was saved yet"
        let next = stopsOnSaveFailure ? "training stops" : "training goes on"
        context.logger.error("ModelSaver: could not save the checkpoint of global_step \(step): \(error); \(good); \(next)")
    }
}

/// A checkpoint that ``ModelSaver`` could not write.
public struct SaveFailure: Sendable, Equatable {
    /// The global step of the checkpoint.
    public var step: Int
    /// Why, e.g. `cannot write … : No space left on device`.
    public var reason: String
}
