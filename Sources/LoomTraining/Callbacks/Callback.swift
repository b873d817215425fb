/// Something that runs beside the training iterations: saving, validation, schedules,
/// progress, logging (docs/Architecture.md section 2). Implement only the events you need; every
/// event has an empty default.
///
/// Event order, as a callback sees it:
/// ```
/// setUp(context)          once; validate the configuration here, acquire nothing
/// beforeTrain             once
///   per epoch: beforeEpoch
///     per step: beforeStep(&request) → (backend step; globalStep += 1)
///               → afterStep(outputs) → triggerStep
///   afterEpoch → triggerEpoch (default: trigger())
/// afterTrain              always (also after an error or Ctrl-C), each call guarded
/// ```
/// *What* a callback does belongs in ``trigger()``; *when* is chosen by wrappers
/// (``PeriodicTrigger``, ``PeriodicCallback``, ``EnableCallbackIf``).
///
/// Per-step cost: declare the per-step events you implement in ``stepEvents``. The
/// default is ``StepEvents/all`` (always correct); a narrower set lets the trainer skip
/// you on the events you do not implement. A method missing from ``stepEvents`` is
/// never called.
///
/// Stop training by throwing ``StopTraining`` from any event: the current step (or
/// epoch-level event) finishes for every callback, then `afterTrain` runs and
/// ``Trainer/train()`` returns normally.
public protocol Callback: AnyObject {
    /// A short display name for logs and ``Trainer/describeLoop()``; the type name by default.
    var name: String { get }
    /// Whether only the chief process runs this callback in a multi-process run
    /// (default `true`: writers and savers; trackers, setters, bars and monitors say `false`).
    var chiefOnly: Bool { get }
    /// The per-step events this callback implements (default: all three).
    var stepEvents: StepEvents { get }
    /// Monitor stats this callback reads (e.g. MinSaver's `val-error`). Validated after
    /// `setUp`: an unknown name is an error listing the known ones; a consumer is run
    /// after every producer of what it consumes.
    var consumedStats: [String] { get }
    /// Monitor stats this callback puts (e.g. InferenceRunner's `val-error`). Read after
    /// `setUp`, so it may depend on the backend.
    var producedStats: [String] { get }

    /// Once, before anything runs: keep the context, validate configuration.
    /// - Throws: a configuration error (training does not start; `afterTrain` is not called).
    func setUp(_ context: TrainerContext) throws
    /// Once, before the first epoch.
    func beforeTrain() throws
    /// At the start of each epoch.
    func beforeEpoch() throws
    /// Before each step: add the outputs this callback needs to `request`.
    func beforeStep(_ request: inout StepRequest) throws
    /// After each step, with the outputs every callback asked for.
    func afterStep(_ outputs: StepOutputs) throws
    /// After each step, once `afterStep` ran for everyone (`globalStep` counts this step).
    func triggerStep() throws
    /// At the end of each epoch's steps.
    func afterEpoch() throws
    /// After `afterEpoch`; by default calls ``trigger()``.
    func triggerEpoch() throws
    /// The callback's action, free of any schedule (once per epoch by default).
    func trigger() throws
    /// Once at the end, always; must tolerate a half-finished `beforeTrain`.
    func afterTrain() throws
}

extension Callback {
    public var name: String { String(describing: type(of: self)) }
    public var chiefOnly: Bool { true }
    public var stepEvents: StepEvents { .all }
    public var consumedStats: [String] { [] }
    public var producedStats: [String] { [] }
    public func setUp(_ context: TrainerContext) throws {}
    public func beforeTrain() throws {}
    public func beforeEpoch() throws {}
    public func beforeStep(_ request: inout StepRequest) throws {}
    public func afterStep(_ outputs: StepOutputs) throws {}
    public func triggerStep() throws {}
    public func afterEpoch() throws {}
    public func triggerEpoch() throws { try trigger() }
    public func trigger() throws {}
    public func afterTrain() throws {}
}
