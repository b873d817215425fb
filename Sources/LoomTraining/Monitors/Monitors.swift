/// The stats hub (docs/Architecture.md section 3): callbacks put scalars, histograms, images and
/// text; the hub fans each one out to every monitor in order and keeps each scalar's
/// history as (global step, value) points. The history is part of the training state.
public final class Monitors {
    private let loop: LoopState
    private(set) var monitors: [any Monitor] = []
    private var histories: [String: [StatPoint]] = [:]

    /// Creates a hub reading the global step from `loop`.
    public init(loop: LoopState, monitors: [any Monitor] = []) {
        self.loop = loop
        self.monitors = monitors
    }

    func setMonitors(_ list: [any Monitor]) { monitors = list }

    /// Records `value` as stat `name` at the current global step and sends it to every monitor.
    /// - Throws: the first monitor error (later monitors still receive the value).
    public func put(scalar value: Double, name: String) throws {
        let step = loop.globalStep
        histories[name, default: []].append(StatPoint(globalStep: step, value: value))
        try fanOut { try $0.process(scalar: value, name: name, globalStep: step) }
    }

    /// Sends a histogram to every monitor.
    public func put(histogram: Histogram, name: String) throws {
        let step = loop.globalStep
        try fanOut { try $0.process(histogram: histogram, name: name, globalStep: step) }
    }

    /// Sends an image to every monitor.
    public func put(image: Image, name: String) throws {
        let step = loop.globalStep
        try fanOut { try $0.process(image: image, name: name, globalStep: step) }
    }

    /// Sends a text to every monitor.
    public func put(text: String, name: String) throws {
        let step = loop.globalStep
        try fanOut { try $0.process(text: text, name: name, globalStep: step) }
    }

    /// Puts a backend summary as the matching kind.
    public func put(_ summary: Summary) throws {
        switch summary {
        case let .scalar(name, value): try put(scalar: value, name: name)
        case let .histogram(name, value): try put(histogram: value, name: name)
        case let .image(name, value): try put(image: value, name: name)
        case let .text(name, value): try put(text: value, name: name)
        }
    }

    /// The latest value of scalar `name`, or `nil` when it was never put.
    public func latest(_ name: String) -> Double? { histories[name]?.last?.value }

    /// The latest point of scalar `name`, or `nil`.
    public func latestPoint(_ name: String) -> StatPoint? { histories[name]?.last }

    /// Every recorded point of scalar `name`, oldest first (empty when unknown).
    public func history(_ name: String) -> [StatPoint] { histories[name] ?? [] }

    /// The latest value of `stat`, or `nil` when it was never put.
    public func latest(_ stat: Stat) -> Double? { latest(stat.name) }

    /// The latest point of `stat`, or `nil`.
    public func latestPoint(_ stat: Stat) -> StatPoint? { latestPoint(stat.name) }

    /// Every recorded point of `stat`, oldest first (empty when unknown).
    public func history(_ stat: Stat) -> [StatPoint] { history(stat.name) }

    /// Names of the scalars put so far, sorted.
    public var statNames: [String] { histories.keys.sorted() }

    private func fanOut(_ body: (any Monitor) throws -> Void) throws {
        var firstError: (any Error)?
        for monitor in monitors {
            do { try body(monitor) } catch { if firstError == nil { firstError = error } }
        }
        if let firstError { throw firstError }
    }
}

extension Monitors {
    /// The scalar histories as `{name: [[step, value], ...]}`.
    public func exportState() -> StateValue {
        var fields: [String: StateValue] = [:]
        for (name, points) in histories {
            fields[name] = .array(points.map { .array([.number(Double($0.globalStep)), .double($0.value)]) })
        }
        return .object(fields)
    }

    /// Replaces the histories with a state from ``exportState()``; `.null` clears nothing.
    /// - Throws: ``StateDecodingError`` when the state is malformed.
    public func importState(_ state: StateValue) throws {
        if state == .null { return }
        guard let fields = state.objectValue else {
            throw StateDecodingError(owner: "monitors", message: "expected an object of stat histories")
        }
        var restored: [String: [StatPoint]] = [:]
        for (name, value) in fields {
            guard let items = value.arrayValue else {
                throw StateDecodingError(owner: "monitors", message: "the history of '\(name)' is not a list")
            }
            restored[name] = try items.map { item in
                guard let pair = item.arrayValue, pair.count == 2, let step = pair[0].intValue, let number = pair[1].doubleValue else {
                    throw StateDecodingError(owner: "monitors", message: "a point of '\(name)' is not [step, value]: \(item)")
                }
                return StatPoint(globalStep: step, value: number)
            }
        }
        histories = restored
    }
}
