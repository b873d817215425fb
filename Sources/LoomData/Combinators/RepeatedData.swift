/// Repeats a flow `times` times, or forever, in one pass. Each repetition starts a new
/// upstream pass (so a shuffled upstream is reshuffled).
public final class RepeatedData<Upstream: DataFlow>: DataFlow {
    /// The input flow.
    public let upstream: Upstream
    /// The number of repetitions, or nil for forever.
    public let times: Int?

    /// Creates a repeating flow.
    /// - Parameters:
    ///   - upstream: The input flow.
    ///   - times: Repetitions (≥ 0), or nil to repeat forever.
    /// - Throws: `DataFlowError.invalidArgument` if `times` is negative.
    public init(_ upstream: Upstream, times: Int?) throws {
        if let times, times < 0 { throw DataFlowError.invalidArgument("repeat count must be ≥ 0, got \(times)") }
        self.upstream = upstream
        self.times = times
    }

    /// `times` × upstream count; nil when repeating forever or the upstream size is unknown.
    public var count: Int? {
        guard let times, let n = upstream.count else { return nil }
        return times * n
    }

    /// Resets the upstream flow.
    public func resetState() throws { try upstream.resetState() }

    /// Starts a pass.
    public func makeIterator() -> Iterator { Iterator(flow: self) }

    /// The upstream state.
    public var state: FlowState { FlowState(kind: "repeat", upstream: [upstream.state]) }

    /// Restores the upstream state.
    public func restore(_ state: FlowState) throws {
        try state.check(kind: "repeat", upstreamCount: 1)
        try upstream.restore(state.upstream[0])
    }

    /// The iterator of `RepeatedData`.
    public struct Iterator: DataFlowIterator {
        let flow: RepeatedData
        var current: Upstream.Iterator?
        var started = 0

        init(flow: RepeatedData) { self.flow = flow }

        /// Starts the next repetition; false when all are done.
        private mutating func advance() -> Bool {
            if let times = flow.times, started >= times { return false }
            started += 1
            current = flow.upstream.makeIterator()
            return true
        }

        /// The next datapoint, moving on to the next repetition at the end of one.
        public mutating func next() throws -> Datapoint? {
            var emptyRepetitions = 0
            while true {
                if current == nil, !advance() { return nil }
                if let item = try current?.next() { return item }
                current = nil
                emptyRepetitions += 1
                if emptyRepetitions > 1, flow.times == nil { throw DataFlowError.empty(flow: "RepeatedData's upstream") }
            }
        }

        /// Skips through repetitions using the upstream's skip.
        public mutating func skip(_ count: Int) throws -> Int {
            var skipped = 0
            var emptyRepetitions = 0
            while skipped < count {
                if current == nil, !advance() { break }
                let step = try current?.skip(count - skipped) ?? 0
                skipped += step
                if skipped < count {
                    current = nil
                    emptyRepetitions = step == 0 ? emptyRepetitions + 1 : 0
                    if emptyRepetitions > 1, flow.times == nil { throw DataFlowError.empty(flow: "RepeatedData's upstream") }
                }
            }
            return skipped
        }
    }
}
