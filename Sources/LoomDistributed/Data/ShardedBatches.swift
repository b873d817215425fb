import LoomData

/// This rank's part of every global batch: the upstream yields batches of `N·B` samples
/// (every component's leading dimension indexes samples), and rank `r` gets rows
/// `[r·B, (r+1)·B)` of each (``DataShard/positions(batch:perRank:)``). Every rank iterates
/// the same upstream (same seed, same shuffle), so no sample is read twice per epoch and
/// the ranks' batches together are the global batch.
///
/// ```swift
/// let global = try BatchData(ShuffleData(train, seed: seed), batchSize: perRank * communicator.size)
/// let local = ShardedBatches(global, shard: DataShard(communicator))
/// ```
public final class ShardedBatches<Upstream: DataFlow>: DataFlow {
    /// The flow of global batches.
    public let upstream: Upstream
    /// This rank and the rank count.
    public let shard: DataShard

    /// Creates the sharded flow.
    /// - Parameters:
    ///   - upstream: Global batches whose size is a multiple of `shard.size`.
    ///   - shard: This rank and the rank count.
    public init(_ upstream: Upstream, shard: DataShard) {
        self.upstream = upstream
        self.shard = shard
    }

    public var count: Int? { upstream.count }

    public func resetState() throws { try upstream.resetState() }

    public func makeIterator() -> Iterator { Iterator(upstream: upstream.makeIterator(), shard: shard) }

    public var state: FlowState { FlowState(kind: "shardedBatches", upstream: [upstream.state]) }

    public func restore(_ state: FlowState) throws {
        try state.check(kind: "shardedBatches", upstreamCount: 1)
        try upstream.restore(state.upstream[0])
    }

    /// This rank's rows of `component` (a batch of `size · B` samples).
    /// - Parameters:
    ///   - component: A batched component.
    ///   - shard: The rank and rank count.
    /// - Returns: Rows `[r·B, (r+1)·B)`.
    /// - Throws: ``ShardedBatchesError`` when the batch does not split evenly.
    public static func slice(_ component: DataComponent, shard: DataShard) throws -> DataComponent {
        guard let rows = component.shape.first, rows % shard.size == 0 else {
            throw ShardedBatchesError(shape: component.shape, ranks: shard.size)
        }
        let perRank = rows / shard.size
        let width = component.shape.dropFirst().reduce(1, *)
        let range = shard.positions(batch: 0, perRank: perRank)
        let values = (range.lowerBound * width)..<(range.upperBound * width)
        let shape = [perRank] + component.shape.dropFirst()
        switch component {
        case let .floats(_, all): return .floats(shape: shape, values: Array(all[values]))
        case let .ints(_, all): return .ints(shape: shape, values: Array(all[values]))
        }
    }

    /// The iterator of ``ShardedBatches``.
    public struct Iterator: DataFlowIterator {
        var upstream: Upstream.Iterator
        let shard: DataShard

        /// This rank's part of the next global batch.
        public mutating func next() throws -> Datapoint? {
            guard let batch = try upstream.next() else { return nil }
            return try batch.map { try ShardedBatches.slice($0, shard: shard) }
        }

        /// Skips global batches.
        public mutating func skip(_ count: Int) throws -> Int { try upstream.skip(count) }
    }
}

/// A global batch whose sample count is not a multiple of the rank count.
public struct ShardedBatchesError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The batched component's shape.
    public var shape: [Int]
    /// The rank count.
    public var ranks: Int

    public var description: String {
        "a global batch of shape \(shape) cannot be split evenly over \(ranks) ranks; batch the data with a multiple of \(ranks) samples (drop the remainder)"
    }
}
