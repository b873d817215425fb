import Foundation

/// Session init (tensorpack `SaverRestore` / `session_init`): at setup, before any
/// `beforeTrain`, loads the backend's variables (all of them, or a name-filtered subset
/// with a rename map, for fine-tuning) from a checkpoint file. Any safetensors file works.
///
/// The selected arrays are matched against the names and shapes of
/// ``TrainingBackend/exportState()`` with ``CheckpointRestore``; every missing, extra and
/// mismatched name is listed in one ``CheckpointRestoreError`` (a setup error: training
/// does not start). Variables outside the selection keep their current values.
///
/// When the run resumes (``AutoResume``), the resumed checkpoint wins and this callback
/// does nothing (it logs so). Register it first so that other callbacks' `setUp` sees the
/// loaded values. Runs on every process (not chief-only).
public final class InitFromCheckpoint: Callback {
    /// The checkpoint file.
    public let file: URL
    /// Which arrays, renamed how.
    public let restore: CheckpointRestore

    /// Creates the initialiser.
    /// - Parameters:
    ///   - file: the checkpoint (safetensors) to load; a relative path resolves against the
    ///     environment's root directory.
    ///   - restore: the selection, rename map and `allowExtra` (default: every variable, exact names).
    public init(file: URL, restore: CheckpointRestore = CheckpointRestore()) {
        self.file = file
        self.restore = restore
    }

    public var name: String { "InitFromCheckpoint(\(file.lastPathComponent))" }
    public var chiefOnly: Bool { false }
    public var stepEvents: StepEvents { [] }

    public func setUp(_ context: TrainerContext) throws {
        if context.trainer?.isResuming == true {
            context.logger.info("\(name): the run resumes from its own checkpoint; \(file.path) is not loaded")
            return
        }
        let url = file.path.hasPrefix("/") ? file : context.environment.root.appendingPathComponent(file.relativePath)
        let current = try context.backend.exportState()
        let loaded = try restore.arrays(fromFile: url, for: current.map(CheckpointVariable.init))
        let replacements = Dictionary(loaded.map { ($0.name, $0) }, uniquingKeysWith: { _, last in last })
        let merged = current.map { replacements[$0.name] ?? $0 }
        do {
            try context.backend.importState(merged)
        } catch {
            throw SavingError.cannotInitialize(file: url.path, reason: "\(error)")
        }
        context.logger.info("Restored \(loaded.count) of \(current.count) variables from \(url.path)")
    }
}
