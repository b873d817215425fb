/// Stops training when a stat stops improving (Keras `EarlyStopping`). On each trigger
/// (every epoch by default) it reads the stat's latest value, if it is new since the
/// last check: an improvement (below `best - minDelta` for ``StatDirection/min``, above
/// `best + minDelta` for ``StatDirection/max``; the first value, unless NaN) resets the wait;
/// otherwise the wait grows, and when it reaches `patience` training stops through
/// ``StopTraining`` (so `patience: 2` stops at the second check without improvement).
///
/// The direction is explicit, never guessed from the name. With a `baseline`, the first
/// values must beat it to count as improvements. The best value, its step, the wait and
/// the last step seen are saved with checkpoints (``StatefulCallback``).
public final class EarlyStopping: StatefulCallback {
    /// The former type of ``direction``.
    @available(*, deprecated, renamed: "StatDirection")
    public typealias Mode = StatDirection

    /// The stat watched.
    public let stat: String
    /// Checks without improvement before stopping.
    public let patience: Int
    /// The smallest change that counts as an improvement.
    public let minDelta: Double
    /// Whether smaller or larger is better.
    public let direction: StatDirection
    /// The value to beat at first, if any.
    public let baseline: Double?
    /// The best value so far (the baseline before any improvement).
    public private(set) var best: Double?
    /// The global step of the best value.
    public private(set) var bestStep: Int?
    /// Checks since the last improvement.
    public private(set) var wait = 0
    private var lastStep: Int?
    private var context: TrainerContext?

    /// Creates the callback.
    /// - Parameters:
    ///   - stat: the stat to watch (validated: some callback must produce it).
    ///   - patience: checks without improvement before stopping (0 stops at the first).
    ///   - minDelta: the smallest change that counts (default 0).
    ///   - direction: `.min` (loss, error) or `.max` (accuracy).
    ///   - baseline: a value the stat must beat.
    public init(stat: Stat, patience: Int, minDelta: Double = 0, direction: StatDirection, baseline: Double? = nil) {
        self.stat = stat.name
        self.patience = patience
        self.minDelta = abs(minDelta)
        self.direction = direction
        self.baseline = baseline
        best = baseline
    }

    /// The former spelling of ``init(stat:patience:minDelta:direction:baseline:)``.
    @available(*, deprecated, renamed: "init(stat:patience:minDelta:direction:baseline:)")
    public convenience init(stat: Stat, patience: Int, minDelta: Double = 0, mode: StatDirection, baseline: Double? = nil) {
        self.init(stat: stat, patience: patience, minDelta: minDelta, direction: mode, baseline: baseline)
    }

    /// The former name of ``direction``.
    @available(*, deprecated, renamed: "direction")
    public var mode: StatDirection { direction }

    public var chiefOnly: Bool { false }
    public var stepEvents: StepEvents { [] }
    public var consumedStats: [String] { [stat] }
    public var stateKey: String { "EarlyStopping[\(stat)]" }

    public func setUp(_ context: TrainerContext) throws {
        guard patience >= 0 else {
            throw OperationsError.invalidArgument(callback: stateKey, message: "patience must be 0 or more, got \(patience)")
        }
        self.context = context
    }

    public func trigger() throws {
        guard let context, let point = context.monitors.latestPoint(stat), point.globalStep != lastStep else { return }
        lastStep = point.globalStep
        if isImprovement(point.value) {
            best = point.value
            bestStep = point.globalStep
            wait = 0
            return
        }
        wait += 1
        guard wait >= patience else { return }
        let bestText = best.map { "best \(Formatting.significant5($0))" + (bestStep.map { " at global_step \($0)" } ?? " (baseline)") } ?? "no best value"
        let reason = "\(stat) did not improve by more than \(Formatting.significant5(minDelta)) for \(wait) checks (\(bestText))"
        context.logger.info("EarlyStopping: \(reason)")
        throw StopTraining(reason)
    }

    private func isImprovement(_ value: Double) -> Bool {
        guard let best else { return !value.isNaN }
        return direction.improves(value, on: best, by: minDelta)
    }

    public func exportState() throws -> StateValue {
        .object([
            "best": best.map(StateValue.double) ?? .null,
            "bestStep": bestStep.map { .number(Double($0)) } ?? .null,
            "wait": .number(Double(wait)),
            "lastStep": lastStep.map { .number(Double($0)) } ?? .null,
        ])
    }

    public func importState(_ state: StateValue) throws {
        wait = try state.field("wait", of: stateKey) { $0.intValue }
        best = state["best"].flatMap { $0 == .null ? nil : $0.doubleValue } ?? baseline
        bestStep = state["bestStep"]?.intValue
        lastStep = state["lastStep"]?.intValue
    }
}
