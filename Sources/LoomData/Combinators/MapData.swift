/// Applies a function to every datapoint.
///
/// The function may use randomness (augmentation) through the generator it is given.
/// That generator is derived from the flow's own seeded generator, the pass, and the
/// datapoint's index in the pass, so results are reproducible, independent of which
/// thread runs the map (see `MultiThreadMapData`), and skipping (resume) needs no calls.
public final class MapData<Upstream: DataFlow>: DataFlow {
    /// A map function: a datapoint and a generator for its random choices.
    public typealias Function = @Sendable (Datapoint, inout SeededGenerator) throws -> Datapoint

    /// The input flow.
    public let upstream: Upstream
    let function: Function
    let epochSeeds: EpochSeeds

    /// Creates a map with randomness.
    /// - Parameters:
    ///   - upstream: The input flow.
    ///   - seed: Seeds the generators handed to `function`.
    ///   - function: The map; it receives a per-datapoint generator.
    public init(_ upstream: Upstream, seed: UInt64, _ function: @escaping Function) {
        self.upstream = upstream
        self.function = function
        self.epochSeeds = EpochSeeds(seed: seed)
    }

    /// Creates a map without randomness.
    /// - Parameters:
    ///   - upstream: The input flow.
    ///   - function: The map.
    public convenience init(_ upstream: Upstream, _ function: @escaping @Sendable (Datapoint) throws -> Datapoint) {
        self.init(upstream, seed: 0) { datapoint, _ in try function(datapoint) }
    }

    /// The upstream count.
    public var count: Int? { upstream.count }

    /// Re-seeds and resets the upstream flow.
    public func resetState() throws {
        epochSeeds.reset()
        try upstream.resetState()
    }

    /// Starts a pass; draws this pass's base seed.
    public func makeIterator() -> Iterator {
        Iterator(upstream: upstream.makeIterator(), function: function, base: epochSeeds.draw())
    }

    /// The generator state and the upstream state.
    public var state: FlowState { FlowState(kind: "map", rng: epochSeeds.state, upstream: [upstream.state]) }

    /// Restores the generator and the upstream.
    public func restore(_ state: FlowState) throws {
        try state.check(kind: "map", upstreamCount: 1)
        try epochSeeds.restore(state.rng)
        try upstream.restore(state.upstream[0])
    }

    /// The iterator of `MapData`.
    public struct Iterator: DataFlowIterator {
        var upstream: Upstream.Iterator
        let function: Function
        let base: UInt64
        var index = 0

        /// The next mapped datapoint.
        public mutating func next() throws -> Datapoint? {
            guard let datapoint = try upstream.next() else { return nil }
            var generator = SeededGenerator(seed: SeededGenerator.mix(base, UInt64(index)))
            index += 1
            return try function(datapoint, &generator)
        }

        /// Skips upstream datapoints without mapping them.
        public mutating func skip(_ count: Int) throws -> Int {
            let skipped = try upstream.skip(count)
            index += skipped
            return skipped
        }
    }
}
