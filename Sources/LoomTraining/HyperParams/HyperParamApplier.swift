/// The part every setter shares: validates the parameter at setup, sets new values, logs
/// each change (at most once per epoch: "learning_rate changes from A to B at global step
/// N", or "is set to B" the first time) and puts every change into the monitors under the
/// parameter's name. It remembers the last value it set and when, for resume.
final class HyperParamApplier {
    let param: HyperParam
    let owner: String
    private(set) var context: TrainerContext?
    private var lastValue: Double?
    private var lastLoggedEpoch: Int?
    /// The last value this setter put in force and when (saved by stateful setters).
    var lastSet: ReplayCandidate?

    init(param: HyperParam, owner: String) {
        self.param = param
        self.owner = owner
    }

    func setUp(_ context: TrainerContext) throws {
        self.context = context
        try param.validate(in: context.hyperparameters)
    }

    var loop: LoopState? { context?.loop }

    /// The parameter's current value.
    func current() throws -> Double {
        guard let context else { return .nan }
        return try param.value(in: context.hyperparameters)
    }

    /// The current loop position for `phase`.
    func now(_ phase: ReplayPoint.Phase) -> ReplayPoint {
        ReplayPoint(globalStep: loop?.globalStep ?? 0, epoch: loop?.epochNumber ?? 0, phase: phase)
    }

    /// Puts `value` in force: sets it when it differs from the current value, and logs and
    /// records it when it differs or is this setter's first value. A `replay` (resume) puts
    /// the value into the monitors only when it differs from the stat's restored latest
    /// value, so a resumed run's stats match an uninterrupted run's.
    /// - Throws: ``HyperParamError/nonFiniteValue(setter:param:value:)``, a backend or monitor error.
    func apply(_ value: Double, at point: ReplayPoint, replay: Bool = false) throws {
        guard let context else { return }
        guard value.isFinite else { throw HyperParamError.nonFiniteValue(setter: owner, param: param.name, value: value) }
        let current = try param.value(in: context.hyperparameters)
        let first = lastValue == nil
        // Set first: a value the parameter refuses (out of range) changes nothing, not even
        // what a resumed run would replay.
        if value != current { try param.set(value, in: context.hyperparameters) }
        lastSet = ReplayCandidate(value: value, point: point)
        guard value != current || first else {
            lastValue = value
            return
        }
        lastValue = value
        let loop = context.loop
        if lastLoggedEpoch != loop.epochNumber {
            lastLoggedEpoch = loop.epochNumber
            let change = first ? "is set to \(value)" : "changes from \(current) to \(value)"
            context.logger.info("[HyperParamSetter] \(param.name) \(change) at global step \(loop.globalStep)")
        }
        if !replay || context.monitors.latest(param.name) != value {
            try context.monitors.put(scalar: value, name: param.name)
        }
    }

    /// `lastSet` as a state value (`null` when nothing was set).
    var lastSetState: StateValue {
        guard let lastSet else { return .null }
        return .object(["value": .double(lastSet.value), "point": lastSet.point.stateValue])
    }

    /// Restores `lastSet` from ``lastSetState``.
    func restoreLastSet(_ state: StateValue?, owner key: String) throws {
        guard let state, state != .null else { lastSet = nil; return }
        let value = try state.field("value", of: key) { $0.doubleValue }
        let point = try state.field("point", of: key) { ReplayPoint($0) }
        lastSet = ReplayCandidate(value: value, point: point)
    }
}
