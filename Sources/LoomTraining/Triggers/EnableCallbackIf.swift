/// Runs a callback only while a predicate holds (tensorpack `EnableCallbackIf`). The
/// predicate gates `beforeEpoch`, `afterEpoch`, `triggerStep`, `triggerEpoch`, and
/// `beforeStep`/`afterStep` together: it is evaluated in `beforeStep` and `afterStep`
/// follows that decision. `setUp`, `beforeTrain`, `afterTrain` and direct `trigger()`
/// calls are not gated.
public final class EnableCallbackIf: CallbackWrapper {
    /// The wrapped callback.
    public let wrapped: any Callback
    private let predicate: (LoopState) -> Bool
    private var innerEvents: StepEvents
    private var loop: LoopState?
    private var enabledThisStep = false

    /// Wraps `callback`, running it only when `predicate(loop)` is true.
    public init(_ callback: any Callback, predicate: @escaping (LoopState) -> Bool) {
        wrapped = callback
        self.predicate = predicate
        innerEvents = callback.stepEvents
    }

    public var name: String { "EnableCallbackIf(\(wrapped.name))" }
    public var chiefOnly: Bool { wrapped.chiefOnly }
    public var stepEvents: StepEvents {
        innerEvents.contains(.afterStep) ? innerEvents.union(.beforeStep) : innerEvents
    }
    public var consumedStats: [String] { wrapped.consumedStats }
    public var producedStats: [String] { wrapped.producedStats }

    private var isEnabled: Bool { loop.map(predicate) ?? false }

    public func setUp(_ context: TrainerContext) throws {
        loop = context.loop
        try wrapped.setUp(context)
        innerEvents = wrapped.stepEvents
    }
    public func beforeTrain() throws { try wrapped.beforeTrain() }
    public func beforeEpoch() throws { if isEnabled { try wrapped.beforeEpoch() } }
    public func beforeStep(_ request: inout StepRequest) throws {
        enabledThisStep = isEnabled
        if enabledThisStep, innerEvents.contains(.beforeStep) { try wrapped.beforeStep(&request) }
    }
    public func afterStep(_ outputs: StepOutputs) throws { if enabledThisStep { try wrapped.afterStep(outputs) } }
    public func triggerStep() throws { if isEnabled { try wrapped.triggerStep() } }
    public func afterEpoch() throws { if isEnabled { try wrapped.afterEpoch() } }
    public func triggerEpoch() throws { if isEnabled { try wrapped.triggerEpoch() } }
    public func trigger() throws { try wrapped.trigger() }
    public func afterTrain() throws { try wrapped.afterTrain() }
}
