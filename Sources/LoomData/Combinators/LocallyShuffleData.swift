/// Shuffles within a buffer: holds up to `bufferSize` datapoints and yields a random one
/// of them each time, refilling from upstream (for flows that cannot be read by index).
///
/// A pass yields every upstream datapoint of that pass exactly once. Skipping (resume)
/// replays the pass: it reads and discards datapoints.
public final class LocallyShuffleData<Upstream: DataFlow>: DataFlow {
    /// The input flow.
    public let upstream: Upstream
    /// The buffer capacity.
    public let bufferSize: Int
    let seeds: EpochSeeds

    /// Creates a locally shuffling flow.
    /// - Parameters:
    ///   - upstream: The input flow.
    ///   - bufferSize: Datapoints held at once, > 0.
    ///   - seed: The seed of the choices.
    /// - Throws: `DataFlowError.invalidArgument` if `bufferSize` < 1.
    public init(_ upstream: Upstream, bufferSize: Int, seed: UInt64) throws {
        guard bufferSize > 0 else { throw DataFlowError.invalidArgument("buffer size must be at least 1, got \(bufferSize)") }
        self.upstream = upstream
        self.bufferSize = bufferSize
        self.seeds = EpochSeeds(seed: seed)
    }

    /// The upstream count.
    public var count: Int? { upstream.count }

    /// Returns to the seed and resets the upstream flow.
    public func resetState() throws {
        seeds.reset()
        try upstream.resetState()
    }

    /// Starts a pass with a generator drawn from the flow's generator.
    public func makeIterator() -> Iterator {
        Iterator(upstream: upstream.makeIterator(), bufferSize: bufferSize, generator: SeededGenerator(seed: seeds.draw()))
    }

    /// The generator state and the upstream state.
    public var state: FlowState { FlowState(kind: "localShuffle", rng: seeds.state, upstream: [upstream.state]) }

    /// Restores the generator and the upstream.
    public func restore(_ state: FlowState) throws {
        try state.check(kind: "localShuffle", upstreamCount: 1)
        try seeds.restore(state.rng)
        try upstream.restore(state.upstream[0])
    }

    /// The iterator of `LocallyShuffleData`.
    public struct Iterator: DataFlowIterator {
        var upstream: Upstream.Iterator
        let bufferSize: Int
        var generator: SeededGenerator
        var buffer: [Datapoint] = []
        var upstreamDone = false

        /// A random datapoint from the buffer, replaced by the next upstream one.
        public mutating func next() throws -> Datapoint? {
            while !upstreamDone, buffer.count < bufferSize {
                if let item = try upstream.next() { buffer.append(item) } else { upstreamDone = true }
            }
            guard !buffer.isEmpty else { return nil }
            let pick = generator.below(buffer.count)
            buffer.swapAt(pick, buffer.count - 1)
            return buffer.removeLast()
        }
    }
}
