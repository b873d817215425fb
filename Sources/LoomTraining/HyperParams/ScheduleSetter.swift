/// Applies a ``Schedule`` to a hyperparameter: in `beforeTrain` (the value at the current,
/// possibly resumed, point) and then at every epoch or every step.
///
/// The point is the number of finished epochs (``Unit/epoch``: set after each epoch),
/// of finished global steps (``Unit/step``: set after each step), or finished steps divided
/// by steps per epoch (``Unit/fractionalEpoch``: set after each step). A schedule is a
/// pure function, so at a resume it is always defined "now" and wins the replay among
/// setters of the same parameter (see ``ScheduledHyperParamSetter``).
public final class ScheduleSetter: Callback, HyperParamReplaying {
    /// What a schedule's point counts.
    public enum Unit: Sendable, Equatable {
        /// Finished epochs; the value is set after each epoch (and before training).
        case epoch
        /// Finished global steps; the value is set after each step.
        case step
        /// Finished steps / steps per epoch (e.g. 1.5 mid-epoch 2); set after each step.
        case fractionalEpoch
    }

    /// The parameter set.
    public let param: HyperParam
    /// The schedule.
    public let schedule: Schedule
    /// What the schedule's point counts.
    public let unit: Unit
    private let applier: HyperParamApplier

    /// Creates the setter.
    /// - Parameters:
    ///   - param: the hyperparameter (a string literal names a backend one).
    ///   - schedule: the value as a function of the point.
    ///   - per: what the point counts (default epochs).
    public init(_ param: HyperParam, _ schedule: Schedule, per unit: Unit = .epoch) {
        self.param = param
        self.schedule = schedule
        self.unit = unit
        applier = HyperParamApplier(param: param, owner: "ScheduleSetter(\(param.name))")
    }

    public var name: String { "ScheduleSetter(\(param.name))" }
    public var chiefOnly: Bool { false }
    public var stepEvents: StepEvents { unit == .epoch ? [] : .triggerStep }
    public var producedStats: [String] { [param.name] }
    var replayParamName: String { param.name }

    public func setUp(_ context: TrainerContext) throws { try applier.setUp(context) }

    private var point: Double {
        guard let loop = applier.loop else { return 0 }
        switch unit {
        case .epoch: return Double(loop.epochNumber)
        case .step: return Double(loop.globalStep)
        case .fractionalEpoch: return loop.stepsPerEpoch > 0 ? Double(loop.globalStep) / Double(loop.stepsPerEpoch) : 0
        }
    }

    func replayCandidate() -> ReplayCandidate? {
        let phase: ReplayPoint.Phase = unit == .epoch ? .epoch : .step
        var now = applier.now(phase)
        if now.globalStep == 0 && now.epoch == 0 { now.phase = .beforeTrain }
        return ReplayCandidate(value: schedule.value(at: point), point: now)
    }

    public func beforeTrain() throws {
        guard let candidate = replayCandidate(),
              HyperParamReplay.wins(self, candidate: candidate, context: applier.context) else { return }
        try applier.apply(candidate.value, at: candidate.point, replay: true)
    }

    public func triggerStep() throws {
        if unit != .epoch { try applier.apply(schedule.value(at: point), at: applier.now(.step)) }
    }

    public func triggerEpoch() throws {
        if unit == .epoch { try trigger() }
    }

    public func trigger() throws {
        try applier.apply(schedule.value(at: point), at: applier.now(unit == .epoch ? .epoch : .step))
    }
}
