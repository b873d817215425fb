/// Runs a callback's ``Callback/trigger()`` on a schedule (tensorpack `PeriodicTrigger`):
/// after every `everySteps`-th global step, after every `everyEpochs`-th epoch (instead
/// of the wrapped callback's own `triggerEpoch`), and once right after `beforeTrain`
/// when `beforeTrain` is true. Every other event is forwarded unchanged.
public final class PeriodicTrigger: CallbackWrapper {
    /// The wrapped callback.
    public let wrapped: any Callback
    private let everySteps: Int?
    private let everyEpochs: Int?
    private let triggersBeforeTrain: Bool
    private var forwardsTriggerStep: Bool
    private var loop: LoopState?

    /// Wraps `callback`.
    /// - Parameters:
    ///   - everySteps: trigger when `globalStep % everySteps == 0` (after `triggerStep`).
    ///   - everyEpochs: trigger when `epochNumber % everyEpochs == 0` (replaces `triggerEpoch`).
    ///   - beforeTrain: also trigger once right after the wrapped `beforeTrain`.
    /// - Precondition: at least one schedule is given; periods are positive.
    public init(_ callback: any Callback, everySteps: Int? = nil, everyEpochs: Int? = nil, beforeTrain: Bool = false) {
        precondition(everySteps != nil || everyEpochs != nil || beforeTrain,
                     "PeriodicTrigger: give everySteps, everyEpochs or beforeTrain, or the callback never triggers")
        precondition((everySteps ?? 1) > 0 && (everyEpochs ?? 1) > 0, "PeriodicTrigger: periods must be positive")
        wrapped = callback
        self.everySteps = everySteps
        self.everyEpochs = everyEpochs
        triggersBeforeTrain = beforeTrain
        forwardsTriggerStep = callback.stepEvents.contains(.triggerStep)
    }

    public var name: String { "PeriodicTrigger(\(wrapped.name))" }
    public var chiefOnly: Bool { wrapped.chiefOnly }
    public var stepEvents: StepEvents { wrapped.stepEvents.union(everySteps == nil ? [] : .triggerStep) }
    public var consumedStats: [String] { wrapped.consumedStats }
    public var producedStats: [String] { wrapped.producedStats }

    public func setUp(_ context: TrainerContext) throws {
        loop = context.loop
        try wrapped.setUp(context)
        forwardsTriggerStep = wrapped.stepEvents.contains(.triggerStep)
    }
    public func beforeTrain() throws {
        try wrapped.beforeTrain()
        if triggersBeforeTrain { try wrapped.trigger() }
    }
    public func beforeEpoch() throws { try wrapped.beforeEpoch() }
    public func beforeStep(_ request: inout StepRequest) throws { try wrapped.beforeStep(&request) }
    public func afterStep(_ outputs: StepOutputs) throws { try wrapped.afterStep(outputs) }
    public func triggerStep() throws {
        if forwardsTriggerStep { try wrapped.triggerStep() }
        if let everySteps, let loop, loop.globalStep % everySteps == 0 { try wrapped.trigger() }
    }
    public func afterEpoch() throws { try wrapped.afterEpoch() }
    public func triggerEpoch() throws {
        if let everyEpochs, let loop, loop.epochNumber % everyEpochs == 0 { try wrapped.trigger() }
    }
    public func trigger() throws { try wrapped.trigger() }
    public func afterTrain() throws { try wrapped.afterTrain() }
}
