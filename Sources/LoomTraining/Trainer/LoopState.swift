/// The loop's counters, readable by every callback through ``TrainerContext/loop``.
/// Only the trainer changes them.
///
/// The three counters that change skip Swift's run-time exclusivity check (a runtime call
/// on every access, and callbacks read them every step): only the trainer writes them, on
/// the training thread, in single assignments between events, so no access can overlap another.
public final class LoopState {
    /// The epoch in progress, 1-based; `startEpoch - 1` during `beforeTrain`.
    @exclusivity(unchecked) public internal(set) var epochNumber: Int
    /// Finished steps over the whole run (already counts the step in `afterStep`/`triggerStep`).
    @exclusivity(unchecked) public internal(set) var globalStep: Int
    /// Index of the step in progress within the epoch, `0..<stepsPerEpoch`; -1 before
    /// the first step of an epoch; stays at the last index through `afterEpoch`/`triggerEpoch`.
    @exclusivity(unchecked) public internal(set) var localStep: Int
    /// Steps in each epoch.
    public let stepsPerEpoch: Int
    /// The first epoch of this run (1, or the next epoch when resuming).
    public internal(set) var startEpoch: Int
    /// Steps of ``startEpoch`` already run before this process started (a resume from a
    /// mid-epoch checkpoint); 0 otherwise.
    public internal(set) var startStepsIntoEpoch = 0
    /// The last epoch (inclusive).
    public let maxEpoch: Int
    /// Whether this process is the chief of a multi-process run (always true alone).
    public let isChief: Bool

    /// Creates counters before training.
    public init(stepsPerEpoch: Int, startEpoch: Int, maxEpoch: Int, globalStep: Int = 0, isChief: Bool = true) {
        self.stepsPerEpoch = stepsPerEpoch
        self.startEpoch = startEpoch
        self.maxEpoch = maxEpoch
        self.globalStep = globalStep
        self.isChief = isChief
        epochNumber = startEpoch - 1
        localStep = -1
    }

    /// Whether the step in progress (or just finished) is the last of its epoch.
    @inlinable public var isLastStepOfEpoch: Bool { localStep == stepsPerEpoch - 1 }
    /// Whether the epoch in progress is the last one.
    @inlinable public var isLastEpoch: Bool { epochNumber == maxEpoch }
}
