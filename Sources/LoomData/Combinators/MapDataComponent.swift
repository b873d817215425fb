/// Applies a function to one component of every datapoint, leaving the others.
public final class MapDataComponent<Upstream: DataFlow>: DataFlow {
    /// The input flow.
    public let upstream: Upstream
    /// The index of the component to map.
    public let index: Int
    let function: @Sendable (DataComponent) throws -> DataComponent

    /// Creates a component map.
    /// - Parameters:
    ///   - upstream: The input flow.
    ///   - index: Which component to map.
    ///   - function: The map of that component.
    public init(_ upstream: Upstream, index: Int, _ function: @escaping @Sendable (DataComponent) throws -> DataComponent) {
        self.upstream = upstream
        self.index = index
        self.function = function
    }

    /// The upstream count.
    public var count: Int? { upstream.count }

    /// Resets the upstream flow.
    public func resetState() throws { try upstream.resetState() }

    /// Starts a pass.
    public func makeIterator() -> Iterator { Iterator(upstream: upstream.makeIterator(), index: index, function: function) }

    /// The upstream state.
    public var state: FlowState { FlowState(kind: "mapComponent", upstream: [upstream.state]) }

    /// Restores the upstream state.
    public func restore(_ state: FlowState) throws {
        try state.check(kind: "mapComponent", upstreamCount: 1)
        try upstream.restore(state.upstream[0])
    }

    /// The iterator of `MapDataComponent`.
    public struct Iterator: DataFlowIterator {
        var upstream: Upstream.Iterator
        let index: Int
        let function: @Sendable (DataComponent) throws -> DataComponent

        /// The next datapoint with component `index` mapped.
        public mutating func next() throws -> Datapoint? {
            guard var datapoint = try upstream.next() else { return nil }
            guard datapoint.indices.contains(index) else {
                throw DataFlowError.componentIndex(index: index, count: datapoint.count)
            }
            datapoint[index] = try function(datapoint[index])
            return datapoint
        }

        /// Skips upstream datapoints without mapping them.
        public mutating func skip(_ count: Int) throws -> Int { try upstream.skip(count) }
    }
}
