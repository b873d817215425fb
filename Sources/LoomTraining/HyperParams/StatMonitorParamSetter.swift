/// Changes a hyperparameter when a stat stops improving: reduce-on-plateau with
/// tensorpack's exact rule (`StatMonitorParamSetter`).
///
/// At each trigger (every epoch by default) the newest `(step, value)` of `stat` joins a
/// window of the last `lastK` values; if the stat has no value yet or its newest value is
/// already the window's last, a warning is logged (once in a row) and nothing happens. Once the
/// window is full, if `min(window) >= window[0] - threshold` (with `direction: .max`:
/// `max(window) <= window[0] + threshold`), the window is cleared and the parameter is set
/// to `valueFunc(current)`. Nothing happens in `beforeTrain` except on resume, where the
/// last value it set is restored (see ``ScheduledHyperParamSetter`` for the replay rule).
/// The window and the last value are saved with the training state.
public final class StatMonitorParamSetter: StatefulCallback, HyperParamReplaying {
    /// The parameter set.
    public let param: HyperParam
    /// The stat watched.
    public let stat: String
    /// How much the stat must improve over the window.
    public let threshold: Double
    /// The window length.
    public let lastK: Int
    /// Whether the stat should decrease (`.min`, e.g. error) or increase (`.max`, e.g. accuracy).
    public let direction: StatDirection
    private let valueFunc: (Double) throws -> Double
    private let key: String?
    private let applier: HyperParamApplier
    private var window: [StatPoint] = []
    private var warnedMissing = false
    private var restored = false

    /// Creates the setter.
    /// - Parameters:
    ///   - param: the hyperparameter (a string literal names a backend one).
    ///   - stat: the stat to watch (validated at setup: some callback must produce it).
    ///   - valueFunc: the new value from the current one, e.g. `{ $0 * 0.2 }`.
    ///   - threshold: the least improvement over the window that counts.
    ///   - lastK: the window length (≥ 1).
    ///   - direction: `.min` (the default) when the stat should decrease, `.max` when it should increase.
    ///   - stateKey: the key of its saved state (default `StatMonitorParamSetter[<param>,<stat>]`).
    public init(_ param: HyperParam, stat: Stat, valueFunc: @escaping (Double) throws -> Double,
                threshold: Double, lastK: Int, direction: StatDirection = .min, stateKey: String? = nil) {
        self.param = param
        self.stat = stat.name
        self.valueFunc = valueFunc
        self.threshold = threshold
        self.lastK = lastK
        self.direction = direction
        key = stateKey
        applier = HyperParamApplier(param: param, owner: "StatMonitorParamSetter(\(param.name))")
    }

    /// The former spelling of ``init(_:stat:valueFunc:threshold:lastK:direction:stateKey:)``
    /// (`reverse: true` is `direction: .max`).
    @available(*, deprecated, renamed: "init(_:stat:valueFunc:threshold:lastK:direction:stateKey:)")
    public convenience init(_ param: HyperParam, stat: Stat, valueFunc: @escaping (Double) throws -> Double,
                            threshold: Double, lastK: Int, reverse: Bool, stateKey: String? = nil) {
        self.init(param, stat: stat, valueFunc: valueFunc, threshold: threshold, lastK: lastK,
                  direction: reverse ? .max : .min, stateKey: stateKey)
    }

    /// Whether the stat should increase: `direction == .max`.
    @available(*, deprecated, renamed: "direction")
    public var reverse: Bool { direction == .max }

    public var name: String { "StatMonitorParamSetter(\(param.name), \(stat))" }
    public var chiefOnly: Bool { false }
    public var stepEvents: StepEvents { [] }
    public var consumedStats: [String] { [stat] }
    public var producedStats: [String] { [param.name] }
    public var stateKey: String { key ?? "StatMonitorParamSetter[\(param.name),\(stat)]" }
    var replayParamName: String { param.name }

    /// The current window, oldest first.
    public var windowValues: [Double] { window.map(\.value) }

    public func setUp(_ context: TrainerContext) throws {
        guard lastK >= 1 else {
            throw HyperParamError.invalidArgument(setter: name, problem: "lastK must be at least 1, got \(lastK)")
        }
        guard threshold.isFinite else {
            throw HyperParamError.invalidArgument(setter: name, problem: "threshold must be a finite number, got \(threshold)")
        }
        try applier.setUp(context)
    }

    func replayCandidate() -> ReplayCandidate? { restored ? applier.lastSet : nil }

    public func beforeTrain() throws {
        guard restored, let candidate = applier.lastSet,
              HyperParamReplay.wins(self, candidate: candidate, context: applier.context) else { return }
        try applier.apply(candidate.value, at: candidate.point, replay: true)
    }

    public func trigger() throws {
        guard let context = applier.context else { return }
        guard let latest = context.monitors.latestPoint(stat) else {
            warnOnce("[StatMonitorParamSetter] no value of '\(stat)' yet; \(param.name) unchanged")
            return
        }
        if let last = window.last, latest.globalStep == last.globalStep {
            warnOnce("[StatMonitorParamSetter] no new value of '\(stat)' since the last trigger; \(param.name) unchanged")
            return
        }
        warnedMissing = false
        window.append(latest)
        if window.count > lastK { window.removeFirst(window.count - lastK) }
        guard window.count == lastK else { return }
        let values = window.map(\.value)
        let first = values[0]
        if let best = direction.best(of: values), direction.improves(best, on: first, by: threshold) { return }
        window.removeAll()
        let list = values.map { "\($0)" }.joined(separator: ", ")
        context.logger.info("[StatMonitorParamSetter] \(stat) did not \(direction == .max ? "increase" : "decrease") by more than \(threshold) over the last \(lastK) values (\(list)); changing \(param.name)")
        try applier.apply(try valueFunc(try applier.current()), at: applier.now(.epoch))
    }

    private func warnOnce(_ message: String) {
        guard !warnedMissing else { return }
        warnedMissing = true
        applier.context?.logger.warning("\(message)")
    }

    public func exportState() throws -> StateValue {
        .object([
            "window": .array(window.map { .array([.number(Double($0.globalStep)), .double($0.value)]) }),
            "lastSet": applier.lastSetState,
        ])
    }

    public func importState(_ state: StateValue) throws {
        let items = try state.field("window", of: stateKey) { $0.arrayValue }
        window = try items.map { item in
            guard let pair = item.arrayValue, pair.count == 2, let step = pair[0].intValue, let value = pair[1].doubleValue else {
                throw StateDecodingError(owner: stateKey, message: "a window entry is not [step, value]: \(item)")
            }
            return StatPoint(globalStep: step, value: value)
        }
        try applier.restoreLastSet(state["lastSet"], owner: stateKey)
        restored = true
    }
}
