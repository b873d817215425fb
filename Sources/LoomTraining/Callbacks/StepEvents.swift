/// The per-step events a callback implements. The trainer builds one list per event at
/// setup, so a callback that declares `[]` costs nothing per step.
public struct StepEvents: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    /// Creates a set from its raw bits.
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// ``Callback/beforeStep(_:)``.
    public static let beforeStep = StepEvents(rawValue: 1 << 0)
    /// ``Callback/afterStep(_:)``.
    public static let afterStep = StepEvents(rawValue: 1 << 1)
    /// ``Callback/triggerStep()``.
    public static let triggerStep = StepEvents(rawValue: 1 << 2)
    /// All three per-step events.
    public static let all: StepEvents = [.beforeStep, .afterStep, .triggerStep]
}
