/// When a setter put a value in force, in loop order: global step, then epoch, then the
/// event (a step's `triggerStep` comes before its epoch's trigger, which comes before
/// the `beforeTrain` of a run resumed at that point).
struct ReplayPoint: Comparable, Equatable {
    /// The event that set the value.
    enum Phase: Int, Comparable {
        case step = 0, epoch = 1, beforeTrain = 2
        static func < (lhs: Phase, rhs: Phase) -> Bool { lhs.rawValue < rhs.rawValue }
    }
    var globalStep: Int
    var epoch: Int
    var phase: Phase

    static func < (lhs: ReplayPoint, rhs: ReplayPoint) -> Bool {
        (lhs.globalStep, lhs.epoch, lhs.phase) < (rhs.globalStep, rhs.epoch, rhs.phase)
    }

    /// The point at which a step-based key `step` applies (step 0: before training).
    static func step(_ step: Int, stepsPerEpoch: Int) -> ReplayPoint {
        guard step > 0 else { return ReplayPoint(globalStep: 0, epoch: 0, phase: .beforeTrain) }
        let epoch = stepsPerEpoch > 0 ? (step + stepsPerEpoch - 1) / stepsPerEpoch : 0
        return ReplayPoint(globalStep: step, epoch: epoch, phase: .step)
    }

    /// The point at which an epoch-based key `epoch` applies (epoch 0: before training).
    static func epoch(_ epoch: Int, stepsPerEpoch: Int) -> ReplayPoint {
        guard epoch > 0 else { return ReplayPoint(globalStep: 0, epoch: 0, phase: .beforeTrain) }
        return ReplayPoint(globalStep: epoch * stepsPerEpoch, epoch: epoch, phase: .epoch)
    }

    var stateValue: StateValue {
        .array([.number(Double(globalStep)), .number(Double(epoch)), .number(Double(phase.rawValue))])
    }

    init(globalStep: Int, epoch: Int, phase: Phase) {
        self.globalStep = globalStep
        self.epoch = epoch
        self.phase = phase
    }

    init?(_ state: StateValue) {
        guard let items = state.arrayValue, items.count == 3, let step = items[0].intValue,
              let epoch = items[1].intValue, let raw = items[2].intValue, let phase = Phase(rawValue: raw) else { return nil }
        self.init(globalStep: step, epoch: epoch, phase: phase)
    }
}

/// The value a setter would have put in force by now in an uninterrupted run, and when.
struct ReplayCandidate {
    var value: Double
    var point: ReplayPoint
}

/// A setter that takes part in the resume replay of `beforeTrain`.
protocol HyperParamReplaying: AnyObject {
    /// The parameter it sets.
    var replayParamName: String { get }
    /// Its candidate at the current loop position, or `nil` when it never set anything yet.
    func replayCandidate() -> ReplayCandidate?
}

/// The rule that makes several setters of one parameter resume correctly (tensorpack
/// issues #1081/#535): in `beforeTrain`, among all setters of the same parameter, the one
/// whose candidate was put in force **latest** (by ``ReplayPoint``; ties go to the setter
/// registered later, which ran later) is the only one that sets its value.
enum HyperParamReplay {
    /// Every callback of the trainer, with wrappers opened.
    static func allCallbacks(_ context: TrainerContext?) -> [any Callback] {
        context?.trainer?.callbacks.unwrapped ?? []
    }

    /// Whether `setter` (with `candidate`) wins the replay of its parameter.
    static func wins(_ setter: any HyperParamReplaying, candidate: ReplayCandidate, context: TrainerContext?) -> Bool {
        let peers = allCallbacks(context).compactMap { $0 as? any HyperParamReplaying }
            .filter { $0.replayParamName == setter.replayParamName }
        var best: (point: ReplayPoint, setter: any HyperParamReplaying)?
        for peer in peers {
            let peerCandidate = peer === setter ? candidate : peer.replayCandidate()
            guard let peerCandidate else { continue }
            if let current = best, peerCandidate.point < current.point { continue }
            best = (peerCandidate.point, peer)
        }
        return best.map { $0.setter === setter } ?? true
    }
}
