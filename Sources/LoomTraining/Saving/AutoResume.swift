import Foundation
import Synchronization

/// Continues a run from the checkpoints in its log directory with one switch (tensorpack
/// `AutoResumeTrainConfig`, complete): the backend's arrays and resume state (data
/// position, RNG), the counters, every stateful callback's state and the monitors'
/// history come back, the log directory is kept as it is (no refuse, no backup), the
/// epochs continue where the checkpoint left off and `stats.json` is appended to (cut
/// back first to the checkpoint's global step when a crash left later entries).
///
/// ```swift
/// let run = try AutoResume(config, policy: .ifAvailable)
/// switch try run.train() { ... }
/// ```
/// The latest checkpoint is read with ``CheckpointStore/loadLatest()``: a corrupt latest
/// file is skipped with a warning naming it, and the previous one is used. The restore
/// happens in the `setUp` of a callback registered first, which logs what it restored.
/// A checkpoint whose run already reached `maxEpoch` runs nothing: ``train()`` returns
/// ``AutoResumeResult/alreadyFinished(checkpoint:epoch:globalStep:)``.
public final class AutoResume {
    /// The trainer that runs (a fresh start, or a resume set up from ``checkpoint``).
    public let trainer: Trainer
    /// The checkpoint the run resumes from; `nil` when it starts afresh.
    public let checkpoint: LoadedCheckpoint?
    /// Whether the checkpoint's run already reached `maxEpoch` (nothing to train).
    public let isFinished: Bool
    private let messages: [String]

    /// Prepares a run of `config` that resumes according to `policy`.
    /// - Parameters:
    ///   - config: the run; its log directory is where checkpoints are looked for.
    ///   - policy: never, when available, or required.
    ///   - checkpointDirectory: where the checkpoints are, when not in the log directory
    ///     (e.g. `ModelSaver(directory:)`).
    /// - Throws: ``SavingError/noCheckpointToResume(directory:)`` (`.required`, nothing
    ///   there), ``SavingError/resumeNeedsLogDirectory``, ``CheckpointError`` when no
    ///   checkpoint is readable, or when the stored trainer state does not decode.
    public init(_ config: TrainConfig, policy: ResumePolicy = .ifAvailable, checkpointDirectory: URL? = nil) throws {
        guard policy != .never else {
            (trainer, checkpoint, isFinished, messages) = (Trainer(config), nil, false, [])
            return
        }
        guard let directory = checkpointDirectory ?? config.logDirectoryURL else {
            if policy == .required { throw SavingError.resumeNeedsLogDirectory }
            (trainer, checkpoint, isFinished, messages) = (Trainer(config), nil, false, [])
            return
        }
        guard CheckpointStore.hasCheckpoints(in: directory) else {
            if policy == .required { throw SavingError.noCheckpointToResume(directory: directory.path) }
            (trainer, checkpoint, isFinished, messages) = (Trainer(config), nil, false, [])
            return
        }
        let collector = WarningCollector()
        let store = CheckpointStore(directory: directory, warn: { collector.add($0.message) })
        let loaded = try store.loadLatest()
        let state = try loaded.checkpoint.trainingState()
        let resume = try loaded.checkpoint.backendResumeState()
        checkpoint = loaded
        messages = collector.messages
        isFinished = state.epochNumber >= config.maxEpoch && loaded.checkpoint.midEpoch == nil
        if isFinished {
            trainer = Trainer(config)
            return
        }
        var resumed = config
        resumed.callbacks.insert(ResumeRestorer(loaded, resume: resume, warnings: messages), at: 0)
        trainer = Trainer(resumed)
        trainer.restore(state)
    }

    /// Trains (resuming when a checkpoint was found), or reports that the run is finished.
    /// - Returns: what happened.
    /// - Throws: what ``Trainer/train()`` throws.
    public func train() throws -> AutoResumeResult {
        guard isFinished, let checkpoint else {
            return .trained(try trainer.train(), resumedFrom: checkpoint?.url)
        }
        for message in messages { trainer.logger.warning("\(message)") }
        let saved = checkpoint.checkpoint
        trainer.logger.info("The run already finished: \(checkpoint.url.lastPathComponent) is at epoch \(saved.epoch), global_step \(saved.globalStep), and maxEpoch is \(trainer.config.maxEpoch); nothing to train (raise maxEpoch to train more)")
        return .alreadyFinished(checkpoint: checkpoint.url, epoch: saved.epoch, globalStep: saved.globalStep)
    }
}

/// What ``AutoResume/train()`` did.
public enum AutoResumeResult: Sendable, Equatable {
    /// The trainer ran; `resumedFrom` is the checkpoint it continued from (`nil`: a fresh start).
    case trained(TrainingResult, resumedFrom: URL?)
    /// The checkpoint's run had already reached `maxEpoch`; no step ran.
    case alreadyFinished(checkpoint: URL, epoch: Int, globalStep: Int)
}

/// Collects the checkpoint store's warnings before the trainer's log file is open.
final class WarningCollector: Sendable {
    private let storage = Mutex<[String]>([])
    func add(_ message: String) { storage.withLock { $0.append(message) } }
    var messages: [String] { storage.withLock { $0 } }
    /// Returns the messages and forgets them.
    func drain() -> [String] { storage.withLock { list in defer { list.removeAll() }; return list } }
}
