/// Sets a hyperparameter to `function(epoch, current)` in `beforeTrain` and at every
/// trigger (every epoch by default); `nil` means no change (tensorpack
/// `HyperParamSetterWithFunc`). `epoch` is the epoch just finished (0 before training).
///
/// Resume: the last value it set is saved with the training state. A resumed run does
/// not call `function` in `beforeTrain` (that would apply the last epoch twice); it
/// restores the saved value instead, through the replay rule of ``ScheduledHyperParamSetter``.
public final class HyperParamSetterWithFunc: StatefulCallback, HyperParamReplaying {
    /// The function: `(epoch, current value) -> new value or nil`.
    public typealias Function = (Int, Double) throws -> Double?
    /// The parameter set.
    public let param: HyperParam
    private let function: Function
    private let key: String?
    private let applier: HyperParamApplier
    private var restored = false

    /// Creates the setter.
    /// - Parameters:
    ///   - param: the hyperparameter (a string literal names a backend one).
    ///   - stateKey: the key of its saved state (default `HyperParamSetterWithFunc[<param>]`).
    ///   - function: the new value from `(epoch, current)`, or `nil` for no change.
    public init(_ param: HyperParam, stateKey: String? = nil, _ function: @escaping Function) {
        self.param = param
        self.function = function
        key = stateKey
        applier = HyperParamApplier(param: param, owner: "HyperParamSetterWithFunc(\(param.name))")
    }

    public var name: String { "HyperParamSetterWithFunc(\(param.name))" }
    public var chiefOnly: Bool { false }
    public var stepEvents: StepEvents { [] }
    public var producedStats: [String] { [param.name] }
    public var stateKey: String { key ?? "HyperParamSetterWithFunc[\(param.name)]" }
    var replayParamName: String { param.name }

    public func setUp(_ context: TrainerContext) throws { try applier.setUp(context) }

    func replayCandidate() -> ReplayCandidate? { restored ? applier.lastSet : nil }

    public func beforeTrain() throws {
        if restored {
            guard let candidate = applier.lastSet,
                  HyperParamReplay.wins(self, candidate: candidate, context: applier.context) else { return }
            try applier.apply(candidate.value, at: candidate.point, replay: true)
        } else {
            try apply(.beforeTrain)
        }
    }

    public func trigger() throws { try apply(.epoch) }

    private func apply(_ phase: ReplayPoint.Phase) throws {
        guard let loop = applier.loop, let value = try function(loop.epochNumber, applier.current()) else { return }
        try applier.apply(value, at: applier.now(phase))
    }

    public func exportState() throws -> StateValue { .object(["lastSet": applier.lastSetState]) }

    public func importState(_ state: StateValue) throws {
        try applier.restoreLastSet(state["lastSet"], owner: stateKey)
        restored = true
    }
}
