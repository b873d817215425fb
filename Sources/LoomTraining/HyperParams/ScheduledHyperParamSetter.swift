/// Sets a hyperparameter from a schedule of `(point, value)` keys (tensorpack
/// `ScheduledHyperParamSetter`), e.g. `[(30, 1e-2), (60, 1e-3), (85, 1e-4), (95, 1e-5)]`.
///
/// - A key `(ep, v)` takes effect **after** epoch `ep` has finished, so `v` is in force
///   during epoch `ep + 1`; key 0 means before training. With `stepBased`, keys are global
///   steps: `(s, v)` applies after step `s` (checked at every step).
/// - Without interpolation a value applies only when the point matches a key exactly.
///   With ``Interpolation/linear`` values between two keys are interpolated linearly;
///   before the first key and after the last nothing is set (no extrapolation).
/// - In `beforeTrain` the schedule is replayed for the current (possibly resumed) point:
///   the value of the latest key at or before it (or the interpolated value). If the
///   parameter's current value differs a warning is logged, and the value is set when
///   `setAtBeginning` is true (or the point is an exact key).
/// - **Several setters of one parameter** (warm-up then decay): at `beforeTrain` only the
///   setter whose value was put in force latest (by global step, then epoch, then event;
///   ties go to the setter registered later) sets its value, so a resumed run gets the
///   value an uninterrupted run would have. Stateful setters of the same parameter
///   (plateau, function, `hyper.txt`) take part with the last value they set.
///
/// The schedule is validated at setup: non-empty, keys ≥ 0 and strictly increasing,
/// values finite.
public final class ScheduledHyperParamSetter: Callback, HyperParamReplaying {
    /// How values between keys are computed.
    public enum Interpolation: Sendable, Equatable {
        /// Only exact keys apply.
        case none
        /// Linear between neighbouring keys; nothing outside the keys.
        case linear
    }

    /// The parameter set.
    public let param: HyperParam
    /// The `(point, value)` keys.
    public let schedule: [(Int, Double)]
    /// How values between keys are computed.
    public let interpolation: Interpolation
    /// Whether keys are global steps (checked every step) instead of epochs.
    public let stepBased: Bool
    /// Whether `beforeTrain` sets the replayed value even between keys.
    public let setAtBeginning: Bool
    private let applier: HyperParamApplier

    /// Creates the setter.
    /// - Parameters:
    ///   - param: the hyperparameter (a string literal names a backend one).
    ///   - schedule: `(epoch or step, value)` keys, strictly increasing.
    ///   - interpolation: `.none` (default) or `.linear`.
    ///   - stepBased: keys are global steps (default: epochs).
    ///   - setAtBeginning: replay the schedule in `beforeTrain` (default true).
    public init(_ param: HyperParam, schedule: [(Int, Double)], interpolation: Interpolation = .none,
                stepBased: Bool = false, setAtBeginning: Bool = true) {
        self.param = param
        self.schedule = schedule
        self.interpolation = interpolation
        self.stepBased = stepBased
        self.setAtBeginning = setAtBeginning
        applier = HyperParamApplier(param: param, owner: "ScheduledHyperParamSetter(\(param.name))")
    }

    public var name: String { "ScheduledHyperParamSetter(\(param.name))" }
    public var chiefOnly: Bool { false }
    public var stepEvents: StepEvents { stepBased ? .triggerStep : [] }
    public var producedStats: [String] { [param.name] }
    var replayParamName: String { param.name }

    /// Checks a schedule: non-empty, keys ≥ 0 and strictly increasing, values finite.
    /// - Throws: ``HyperParamError/invalidSchedule(setter:problem:)`` naming the first bad key.
    public static func validate(_ schedule: [(Int, Double)], setter: String = "ScheduledHyperParamSetter") throws {
        guard !schedule.isEmpty else {
            throw HyperParamError.invalidSchedule(setter: setter, problem: "it is empty; give at least one (point, value) key")
        }
        for (index, (key, value)) in schedule.enumerated() {
            if key < 0 {
                throw HyperParamError.invalidSchedule(setter: setter, problem: "key \(index + 1) is (\(key), \(value)); points must be 0 or more")
            }
            if !value.isFinite {
                throw HyperParamError.invalidSchedule(setter: setter, problem: "key \(index + 1) is (\(key), \(value)); values must be finite numbers")
            }
            if index > 0, schedule[index - 1].0 >= key {
                throw HyperParamError.invalidSchedule(
                    setter: setter,
                    problem: "keys must be strictly increasing, but (\(schedule[index - 1].0), \(schedule[index - 1].1)) comes before (\(key), \(value)); sort them and remove duplicates")
            }
        }
    }

    public func setUp(_ context: TrainerContext) throws {
        try Self.validate(schedule, setter: name)
        try applier.setUp(context)
    }

    /// The value to set at `point` in the normal course: an exact key, or an interpolated value.
    public func value(at point: Int) -> Double? {
        var previous: (Int, Double)?
        for (key, value) in schedule {
            if key == point { return value }
            if key > point {
                guard interpolation == .linear, let (lastKey, lastValue) = previous else { return nil }
                return lastValue + Double(point - lastKey) / Double(key - lastKey) * (value - lastValue)
            }
            previous = (key, value)
        }
        return nil
    }

    /// The value an uninterrupted run has in force at `point`, and the point it was set at.
    func replay(at point: Int) -> (value: Double, key: Int)? {
        if let value = value(at: point) { return (value, point) }
        guard let last = schedule.last(where: { $0.0 <= point }) else { return nil }
        return (last.1, last.0)
    }

    private func replayPoint(_ key: Int) -> ReplayPoint {
        let spe = applier.loop?.stepsPerEpoch ?? 0
        return stepBased ? .step(key, stepsPerEpoch: spe) : .epoch(key, stepsPerEpoch: spe)
    }

    private var currentPoint: Int { (stepBased ? applier.loop?.globalStep : applier.loop?.epochNumber) ?? 0 }

    func replayCandidate() -> ReplayCandidate? {
        guard let (value, key) = replay(at: currentPoint) else { return nil }
        return ReplayCandidate(value: value, point: replayPoint(key))
    }

    public func beforeTrain() throws {
        let point = currentPoint
        guard let candidate = replayCandidate(),
              HyperParamReplay.wins(self, candidate: candidate, context: applier.context) else { return }
        let regular = value(at: point) != nil
        let current = try applier.current()
        let unit = stepBased ? "global step" : "epoch"
        if point > 0, current != candidate.value {
            let action = setAtBeginning || regular ? "setting it to \(candidate.value)" : "leaving it (setAtBeginning is false)"
            applier.context?.logger.warning(
                "According to its schedule, \(param.name) should be \(candidate.value) after \(unit) \(point), but it is \(current); \(action)")
        }
        if setAtBeginning || regular { try applier.apply(candidate.value, at: candidate.point, replay: true) }
    }

    public func triggerStep() throws {
        if stepBased { try trigger() }
    }

    public func triggerEpoch() throws {
        if !stepBased { try trigger() }
    }

    public func trigger() throws {
        let point = currentPoint
        guard let value = value(at: point) else { return }
        try applier.apply(value, at: replayPoint(point))
    }
}
