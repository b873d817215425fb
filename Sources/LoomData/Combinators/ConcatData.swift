/// Chains flows one after the other: a pass yields a full pass of each, in order.
public final class ConcatData: DataFlow {
    /// The flows, in order.
    public let flows: [any DataFlow]

    /// Creates a concatenation.
    /// - Parameter flows: The flows to chain.
    public init(_ flows: [any DataFlow]) { self.flows = flows }

    /// The sum of the counts, if all are known.
    public var count: Int? {
        var total = 0
        for flow in flows {
            guard let n = flow.count else { return nil }
            total += n
        }
        return total
    }

    /// Resets every flow.
    public func resetState() throws { for flow in flows { try flow.resetState() } }

    /// Starts a pass; each flow's pass starts when the previous one ends.
    public func makeIterator() -> Iterator { Iterator(flows: flows) }

    /// The states of every flow.
    public var state: FlowState { FlowState(kind: "concat", upstream: flows.map(\.state)) }

    /// Restores every flow.
    public func restore(_ state: FlowState) throws {
        try state.check(kind: "concat", upstreamCount: flows.count)
        for (flow, saved) in zip(flows, state.upstream) { try flow.restore(saved) }
    }

    /// The iterator of `ConcatData`.
    public struct Iterator: DataFlowIterator {
        let flows: [any DataFlow]
        var position = 0
        var current: (any DataFlowIterator)?

        init(flows: [any DataFlow]) { self.flows = flows }

        /// The next datapoint of the current flow, moving on at its end.
        public mutating func next() throws -> Datapoint? {
            while position < flows.count {
                if current == nil { current = flows[position].makeIterator() }
                if let item = try current?.next() { return item }
                current = nil
                position += 1
            }
            return nil
        }

        /// Skips through the flows using their skips.
        public mutating func skip(_ count: Int) throws -> Int {
            var skipped = 0
            while skipped < count, position < flows.count {
                if current == nil { current = flows[position].makeIterator() }
                let step = try current?.skip(count - skipped) ?? 0
                skipped += step
                if skipped < count {
                    current = nil
                    position += 1
                }
            }
            return skipped
        }
    }
}
