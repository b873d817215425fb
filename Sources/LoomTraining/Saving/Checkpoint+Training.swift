import Foundation

/// How a checkpoint written by ``ModelSaver`` holds the run's state (docs/Architecture.md section 5):
///
/// | what | where |
/// |---|---|
/// | backend arrays (``TrainingBackend/exportState()``) | the safetensors tensors |
/// | global step | `loom.global_step` |
/// | the last **finished** epoch (resume starts at the next one) | `loom.epoch` |
/// | each ``StatefulCallback``'s state | `loom.callbacks`, under its ``StatefulCallback/stateKey`` |
/// | the monitors' stat history (``Monitors/exportState()``) | `loom.callbacks`, under the reserved key `loom.monitors` |
/// | the backend's hyperparameters (``TrainingState/hyperparameters``) | `loom.callbacks`, under the reserved key `loom.hyperparameters` |
/// | ``BackendResumeState/dataPosition`` | `loom.data_position` (absent when `.null`) |
/// | ``BackendResumeState/rng`` | `loom.rng` (absent when `.null`) |
/// | the epoch in progress, for a checkpoint taken in the middle of an epoch | user metadata `mid_epoch` |
/// | creation time (the run's injected clock) | `loom.created_at` |
extension Checkpoint {
    /// The reserved ``callbackStates`` key of the monitors' history.
    public static let monitorsStateKey = "loom.monitors"
    /// The reserved ``callbackStates`` key of the backend's hyperparameters.
    public static let hyperparametersStateKey = "loom.hyperparameters"
    /// The ``userMetadata`` key naming the epoch in progress when the checkpoint was
    /// taken in the middle of it (absent for a checkpoint taken at an epoch's end).
    public static let midEpochKey = "mid_epoch"
    /// Metadata key: the steps finished in the ``midEpoch`` when the checkpoint was taken.
    public static let midEpochStepsKey = "mid_epoch_steps"

    /// A checkpoint of everything a resume needs, taken now.
    ///
    /// - Parameters:
    ///   - context: the running trainer's context.
    ///   - midEpoch: whether the epoch in progress has not finished yet (its epoch is
    ///     then not counted as finished, and ``midEpochKey`` records it).
    /// - Throws: a backend or callback export error.
    public init(snapshotOf context: TrainerContext, midEpoch: Bool) throws {
        let state = try context.exportTrainingState()
        let arrays = try context.backend.exportState()
        let resume = try context.backend.exportResumeState()
        var states: [String: String] = [:]
        for (key, value) in state.callbacks { states[key] = value.jsonText }
        states[Self.monitorsStateKey] = state.monitors.jsonText
        if !state.hyperparameters.isEmpty {
            states[Self.hyperparametersStateKey] = StateValue.object(state.hyperparameters.mapValues { .number($0) }).jsonText
        }
        var metadata: [String: String] = [:]
        if midEpoch {
            metadata[Self.midEpochKey] = String(state.epochNumber)
            metadata[Self.midEpochStepsKey] = String(context.loop.localStep + 1)
        }
        self.init(
            arrays: arrays, globalStep: state.globalStep, epoch: midEpoch ? max(0, state.epochNumber - 1) : state.epochNumber,
            createdAt: Date(timeIntervalSince1970: context.environment.clock.wallTime()),
            callbackStates: states,
            dataPosition: resume.dataPosition == .null ? nil : resume.dataPosition.jsonText,
            rngState: resume.rng == .null ? nil : resume.rng.jsonText,
            userMetadata: metadata)
    }

    /// The trainer state stored in this checkpoint (counters, callback states, history).
    /// - Throws: ``CheckpointError/stateDecoding(key:detail:)`` naming the bad section.
    public func trainingState() throws -> TrainingState {
        var callbacks: [String: StateValue] = [:]
        var monitors = StateValue.null
        var hyperparameters: [String: Double] = [:]
        for (key, text) in callbackStates {
            let value = try Self.stateValue(text, section: key)
            switch key {
            case Self.monitorsStateKey: monitors = value
            case Self.hyperparametersStateKey:
                guard case let .object(values) = value else {
                    throw CheckpointError.stateDecoding(key: key, detail: "expected an object of numbers, found \(text)")
                }
                for (name, number) in values {
                    guard let number = number.doubleValue else {
                        throw CheckpointError.stateDecoding(key: key, detail: "'\(name)' is not a number")
                    }
                    hyperparameters[name] = number
                }
            default: callbacks[key] = value
            }
        }
        return TrainingState(epochNumber: epoch, globalStep: globalStep, callbacks: callbacks, monitors: monitors,
                             hyperparameters: hyperparameters, stepsIntoEpoch: midEpochSteps ?? 0)
    }

    /// The backend's resume state stored in this checkpoint (`.null` parts when absent).
    /// - Throws: ``CheckpointError/stateDecoding(key:detail:)``.
    public func backendResumeState() throws -> BackendResumeState {
        BackendResumeState(dataPosition: try dataPosition.map { try Self.stateValue($0, section: "data position") } ?? .null,
                           rng: try rngState.map { try Self.stateValue($0, section: "RNG state") } ?? .null)
    }

    /// The epoch that was in progress when the checkpoint was taken, for a mid-epoch one.
    public var midEpoch: Int? { userMetadata[Self.midEpochKey].flatMap { Int($0) } }

    /// The steps finished in ``midEpoch`` when the checkpoint was taken (nil at an epoch
    /// boundary, and for mid-epoch checkpoints of Loom versions that restarted the epoch).
    public var midEpochSteps: Int? {
        guard midEpoch != nil else { return nil }
        return userMetadata[Self.midEpochStepsKey].flatMap { Int($0) }.flatMap { $0 > 0 ? $0 : nil }
    }

    static func stateValue(_ text: String, section: String) throws(CheckpointError) -> StateValue {
        do {
            return StateValue(try JSONDocument.parse(text).value)
        } catch {
            throw .stateDecoding(key: section, detail: error.description)
        }
    }
}
