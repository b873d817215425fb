/// Thrown by a callback to end training normally: the current step (or epoch-level
/// event) finishes for every callback, every `afterTrain` runs, and
/// ``Trainer/train()`` returns a result whose outcome is ``TrainingOutcome/stopped(_:)``.
public struct StopTraining: Error, Sendable, Equatable, CustomStringConvertible {
    /// Why training stopped, for the log (e.g. "val-error did not improve for 5 epochs").
    public var reason: String

    /// Creates a stop signal with a reason for the log.
    public init(_ reason: String) { self.reason = reason }

    public var description: String { "training stopped: \(reason)" }
}
