import Foundation

/// Registered first by ``AutoResume``: in `setUp` (log file open, before any other
/// callback's `setUp`) it logs the store's warnings, imports the checkpoint's arrays
/// (checked against the backend's names and shapes) and resume state, cuts `stats.json`
/// back to the checkpoint's step, and logs what it restored. The counters, callback
/// states and history are restored by ``Trainer/restore(_:)``.
final class ResumeRestorer: Callback {
    private let loaded: LoadedCheckpoint
    private let resume: BackendResumeState
    private let warnings: [String]

    init(_ loaded: LoadedCheckpoint, resume: BackendResumeState, warnings: [String]) {
        self.loaded = loaded
        self.resume = resume
        self.warnings = warnings
    }

    var name: String { "AutoResume" }
    var chiefOnly: Bool { false }
    var stepEvents: StepEvents { [] }

    func setUp(_ context: TrainerContext) throws {
        let logger = context.logger
        for message in warnings { context.logStoreWarning(message) }
        let file = loaded.url.lastPathComponent
        let checkpoint = loaded.checkpoint
        do {
            let current = try context.backend.exportState()
            let arrays = try CheckpointRestore().arrays(from: checkpoint.arrays, path: loaded.url.path,
                                                        for: current.map(CheckpointVariable.init))
            try context.backend.importState(arrays)
            try context.backend.importResumeState(resume)
        } catch let error as CheckpointRestoreError {
            throw SavingError.cannotResume(file: loaded.url.path, reason: error.description)
        } catch {
            throw SavingError.cannotResume(file: loaded.url.path, reason: "\(error)")
        }
        if let logDirectory = context.logDirectory {
            let stamp = Formatting.timestamp(context.environment.clock.wallTime(), timeZone: context.environment.timeZone)
            let stats = logDirectory.appendingPathComponent(JSONWriter.fileName)
            let lastEpoch = checkpoint.midEpochSteps != nil ? checkpoint.midEpoch ?? checkpoint.epoch : checkpoint.epoch
            // A checkpoint taken after an epoch's last step but before the epoch's end: the
            // resumed run writes that step's entry again (with the epoch's stats), so it goes.
            let atEpochEnd = checkpoint.midEpochSteps == context.loop.stepsPerEpoch
            let lastStep = atEpochEnd ? checkpoint.globalStep - 1 : checkpoint.globalStep
            if let trimmed = try StatsFileTrim.trim(stats, toGlobalStep: lastStep, epoch: lastEpoch, backupStamp: stamp) {
                logger.warning("\(JSONWriter.fileName) had \(trimmed.dropped) entries after the checkpoint (global_step \(checkpoint.globalStep), epoch \(checkpoint.epoch)); kept \(trimmed.kept), the old file is \(trimmed.backup)")
            }
        }
        let reserved = [Checkpoint.monitorsStateKey, Checkpoint.hyperparametersStateKey]
        let states = checkpoint.callbackStates.keys.filter { !reserved.contains($0) }.sorted()
        var parts = ["\(checkpoint.arrays.count) arrays"]
        if checkpoint.dataPosition != nil { parts.append("the data position") }
        if checkpoint.rngState != nil { parts.append("the RNG state") }
        parts.append(states.isEmpty ? "no callback states" : "the states of " + states.joined(separator: ", "))
        parts.append("the stat history")
        if checkpoint.callbackStates[Checkpoint.hyperparametersStateKey] != nil { parts.append("the hyperparameters") }
        logger.info("Resuming from \(file) (epoch \(checkpoint.epoch) finished, global_step \(checkpoint.globalStep)): restored \(parts.joined(separator: ", "))")
        if let epoch = checkpoint.midEpoch, let steps = checkpoint.midEpochSteps {
            logger.info("\(file) was saved after step \(steps) of epoch \(epoch); that epoch continues from its next step")
        } else if let epoch = checkpoint.midEpoch {
            logger.warning("\(file) was saved in the middle of epoch \(epoch); that epoch restarts from its first step at global_step \(checkpoint.globalStep)")
        }
    }
}
