/// Joins flows side by side: datapoint `i` is the components of datapoint `i` of each
/// flow, concatenated (e.g. images from one flow, labels from another).
///
/// The flows must yield the same number of datapoints; a difference is an error.
public final class JoinData: DataFlow {
    /// The flows, in component order.
    public let flows: [any DataFlow]

    /// Creates a join.
    /// - Parameter flows: At least one flow.
    /// - Throws: `DataFlowError.sizeMismatch` if known counts differ.
    public init(_ flows: [any DataFlow]) throws {
        guard !flows.isEmpty else { throw DataFlowError.invalidArgument("JoinData needs at least one flow") }
        let counts = flows.compactMap(\.count)
        if let first = counts.first, let other = counts.first(where: { $0 != first }) {
            throw DataFlowError.sizeMismatch(expected: first, found: other)
        }
        self.flows = flows
    }

    /// The common count, if known.
    public var count: Int? { flows.lazy.compactMap(\.count).first }

    /// Resets every flow.
    public func resetState() throws { for flow in flows { try flow.resetState() } }

    /// Starts a pass over every flow.
    public func makeIterator() -> Iterator { Iterator(iterators: flows.map { $0.makeIterator() }) }

    /// The states of every flow.
    public var state: FlowState { FlowState(kind: "join", upstream: flows.map(\.state)) }

    /// Restores every flow.
    public func restore(_ state: FlowState) throws {
        try state.check(kind: "join", upstreamCount: flows.count)
        for (flow, saved) in zip(flows, state.upstream) { try flow.restore(saved) }
    }

    /// The iterator of `JoinData`.
    public struct Iterator: DataFlowIterator {
        var iterators: [any DataFlowIterator]
        var index = 0

        /// The joined next datapoint.
        public mutating func next() throws -> Datapoint? {
            var joined: Datapoint = []
            var ended = 0
            for k in iterators.indices {
                if let item = try iterators[k].next() { joined += item } else { ended += 1 }
            }
            if ended == iterators.count { return nil }
            if ended > 0 {
                throw DataFlowError.sizeMismatch(expected: index + 1, found: index)
            }
            index += 1
            return joined
        }

        /// Skips in every flow.
        public mutating func skip(_ count: Int) throws -> Int {
            var skipped: [Int] = []
            for k in iterators.indices { skipped.append(try iterators[k].skip(count)) }
            let least = skipped.min() ?? 0
            if skipped.contains(where: { $0 != least }) {
                throw DataFlowError.sizeMismatch(expected: index + (skipped.max() ?? 0), found: index + least)
            }
            index += least
            return least
        }
    }
}
