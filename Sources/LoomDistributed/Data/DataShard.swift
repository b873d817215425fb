/// Which samples one rank of a data-parallel job reads, so that no sample is read twice
/// per epoch and the ranks together read what one process with an N-times larger batch
/// would read, in the same order.
///
/// Global batch `b` covers samples `[b·N·B, (b+1)·N·B)` (N ranks, B samples per rank);
/// rank `r` reads the contiguous part `[b·N·B + r·B, b·N·B + (r+1)·B)`. Averaging the ranks'
/// mean gradients then equals the mean gradient of the whole global batch.
public struct DataShard: Sendable, Equatable {
    /// This process's rank.
    public let rank: Int
    /// The number of ranks.
    public let size: Int

    /// Creates the shard of `rank` among `size` ranks.
    /// - Parameters:
    ///   - rank: `0..<size`.
    ///   - size: At least 1.
    public init(rank: Int, size: Int) {
        precondition(size >= 1 && (0..<size).contains(rank), "DataShard: rank \(rank) is not in 0..<\(size)")
        self.rank = rank
        self.size = size
    }

    /// The shard of `communicator`'s rank.
    /// - Parameter communicator: The job's group.
    public init(_ communicator: any Communicator) {
        self.init(rank: communicator.rank, size: communicator.size)
    }

    /// The sample positions this rank reads for global batch `batch`.
    /// - Parameters:
    ///   - batch: The global batch index (0-based; wraps nothing: the caller maps it into an epoch).
    ///   - perRank: Samples per rank per step (B).
    /// - Returns: `B` consecutive positions.
    public func positions(batch: Int, perRank: Int) -> Range<Int> {
        let start = batch * size * perRank + rank * perRank
        return start..<(start + perRank)
    }

    /// Global batches in an epoch of `sampleCount` samples (the incomplete tail is dropped,
    /// so every rank runs the same number of steps).
    /// - Parameters:
    ///   - sampleCount: The samples in an epoch.
    ///   - perRank: Samples per rank per step.
    /// - Returns: `sampleCount / (size · perRank)`.
    public func batchesPerEpoch(sampleCount: Int, perRank: Int) -> Int {
        sampleCount / (size * perRank)
    }

    /// The rank-strided positions `rank, rank + size, …` below `count`: the sharding of a
    /// plain sample stream (each sample read by exactly one rank).
    /// - Parameter count: The number of samples.
    /// - Returns: This rank's positions.
    public func stridedPositions(count: Int) -> StrideTo<Int> {
        stride(from: rank, to: count, by: size)
    }
}
