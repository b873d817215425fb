import LoomData

/// This rank's contiguous block of a random-access flow (for validation data): sample
/// counts differ by at most one between ranks, lower ranks get the extra samples, and the
/// blocks of all ranks together are the whole flow, each sample once.
///
/// ```swift
/// let local = ShardedData(validation, shard: DataShard(communicator))   // rank r's block
/// ```
public final class ShardedData<Upstream: RandomAccessDataFlow>: RandomAccessDataFlow {
    /// The whole flow.
    public let upstream: Upstream
    /// The positions of `upstream` this rank reads.
    public let positions: Range<Int>

    /// Creates the shard.
    /// - Parameters:
    ///   - upstream: The whole flow (the same on every rank).
    ///   - shard: This rank and the rank count.
    public init(_ upstream: Upstream, shard: DataShard) {
        self.upstream = upstream
        positions = Self.block(count: upstream.size, shard: shard)
    }

    /// Rank `shard.rank`'s block of `count` positions.
    /// - Parameters:
    ///   - count: The number of samples.
    ///   - shard: The rank and rank count.
    /// - Returns: `count / size` positions, one more on the first `count % size` ranks.
    public static func block(count: Int, shard: DataShard) -> Range<Int> {
        let base = count / shard.size, extra = count % shard.size
        let start = shard.rank * base + min(shard.rank, extra)
        return start..<(start + base + (shard.rank < extra ? 1 : 0))
    }

    public var size: Int { positions.count }
    public var count: Int? { size }

    public func resetState() throws { try upstream.resetState() }

    public func makeIterator() -> IndexedIterator<ShardedData> { IndexedIterator(flow: self) }

    public func datapoint(at index: Int) throws -> Datapoint {
        try upstream.datapoint(at: positions.lowerBound + index)
    }

    public var state: FlowState { FlowState(kind: "shard", upstream: [upstream.state]) }

    public func restore(_ state: FlowState) throws {
        try state.check(kind: "shard", upstreamCount: 1)
        try upstream.restore(state.upstream[0])
    }
}
