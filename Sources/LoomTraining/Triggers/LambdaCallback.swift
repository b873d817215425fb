/// A callback built from closures, for one-liners (tensorpack `CallbackFactory`):
/// `LambdaCallback(trigger: { ctx in ctx.logger.info("epoch \(ctx.loop.epochNumber)") })`.
/// Each closure receives the trainer context.
public final class LambdaCallback: Callback {
    /// A closure run at one event.
    public typealias Action = (TrainerContext) throws -> Void
    private let onSetUp: Action?
    private let onBeforeTrain: Action?
    private let onBeforeEpoch: Action?
    private let onTriggerStep: Action?
    private let onAfterEpoch: Action?
    private let onTrigger: Action?
    private let onAfterTrain: Action?
    private let label: String
    private let isChiefOnly: Bool
    private var context: TrainerContext?

    /// Creates a callback running the given closures; the others do nothing.
    public init(name: String = "LambdaCallback", chiefOnly: Bool = false, setUp: Action? = nil,
                beforeTrain: Action? = nil, beforeEpoch: Action? = nil, triggerStep: Action? = nil,
                afterEpoch: Action? = nil, trigger: Action? = nil, afterTrain: Action? = nil) {
        label = name
        isChiefOnly = chiefOnly
        onSetUp = setUp
        onBeforeTrain = beforeTrain
        onBeforeEpoch = beforeEpoch
        onTriggerStep = triggerStep
        onAfterEpoch = afterEpoch
        onTrigger = trigger
        onAfterTrain = afterTrain
    }

    public var name: String { label }
    public var chiefOnly: Bool { isChiefOnly }
    public var stepEvents: StepEvents { onTriggerStep == nil ? [] : .triggerStep }

    public func setUp(_ context: TrainerContext) throws {
        self.context = context
        try onSetUp?(context)
    }
    public func beforeTrain() throws { if let context { try onBeforeTrain?(context) } }
    public func beforeEpoch() throws { if let context { try onBeforeEpoch?(context) } }
    public func triggerStep() throws { if let context { try onTriggerStep?(context) } }
    public func afterEpoch() throws { if let context { try onAfterEpoch?(context) } }
    public func trigger() throws { if let context { try onTrigger?(context) } }
    public func afterTrain() throws { if let context { try onAfterTrain?(context) } }
}
