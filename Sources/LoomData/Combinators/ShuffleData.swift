/// Shuffles a whole random-access flow: each pass visits every index once, in an order
/// drawn from the flow's seeded generator (a new order every pass).
///
/// Equal seeds give equal orders; `resetState()` returns to the first pass's order.
public final class ShuffleData<Upstream: RandomAccessDataFlow>: DataFlow {
    /// The input flow.
    public let upstream: Upstream
    let seeds: EpochSeeds

    /// Creates a shuffled view.
    /// - Parameters:
    ///   - upstream: A random-access flow.
    ///   - seed: The seed of the order.
    public init(_ upstream: Upstream, seed: UInt64) {
        self.upstream = upstream
        self.seeds = EpochSeeds(seed: seed)
    }

    /// The upstream size.
    public var count: Int? { upstream.size }

    /// Returns to the seed and resets the upstream flow.
    public func resetState() throws {
        seeds.reset()
        try upstream.resetState()
    }

    /// Starts a pass in a fresh random order.
    public func makeIterator() -> Iterator {
        let size = upstream.size
        return Iterator(upstream: upstream, order: seeds.with { $0.permutation(size) })
    }

    /// The generator state and the upstream state.
    public var state: FlowState { FlowState(kind: "shuffle", rng: seeds.state, upstream: [upstream.state]) }

    /// Restores the generator and the upstream.
    public func restore(_ state: FlowState) throws {
        try state.check(kind: "shuffle", upstreamCount: 1)
        try seeds.restore(state.rng)
        try upstream.restore(state.upstream[0])
    }

    /// The iterator of `ShuffleData`; `skip` is O(1).
    public struct Iterator: DataFlowIterator {
        let upstream: Upstream
        let order: [Int]
        var position = 0

        /// The next datapoint in this pass's order.
        public mutating func next() throws -> Datapoint? {
            guard position < order.count else { return nil }
            defer { position += 1 }
            return try upstream.datapoint(at: order[position])
        }

        /// Skips without reading datapoints.
        public mutating func skip(_ count: Int) throws -> Int {
            let skipped = max(0, min(count, order.count - position))
            position += skipped
            return skipped
        }
    }
}
