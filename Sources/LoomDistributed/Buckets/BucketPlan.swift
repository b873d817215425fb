/// How a list of arrays is packed into contiguous buckets for fused collectives: arrays are
/// taken in order and added to the current bucket while it stays within
/// ``capacity`` values; an array larger than the capacity gets a bucket of its own. Many
/// small tensors (biases, BatchNorm scales) thus cost one call instead of one each.
public struct BucketPlan: Sendable, Equatable {
    /// One bucket: a run of consecutive arrays.
    public struct Bucket: Sendable, Equatable {
        /// The indices of the arrays it holds.
        public var arrays: Range<Int>
        /// Each array's start in the packed buffer, parallel to ``arrays``.
        public var offsets: [Int]
        /// The number of values in the bucket.
        public var count: Int

        /// Creates a bucket.
        public init(arrays: Range<Int>, offsets: [Int], count: Int) {
            self.arrays = arrays
            self.offsets = offsets
            self.count = count
        }
    }

    /// The buckets, in array order.
    public let buckets: [Bucket]
    /// The most values a bucket holds unless one array alone is larger.
    public let capacity: Int

    /// Plans buckets for arrays of the given sizes.
    /// - Parameters:
    ///   - counts: The number of values of each array, in order (0 allowed).
    ///   - capacity: The most values per bucket (at least 1).
    public init(counts: [Int], capacity: Int) {
        precondition(capacity >= 1, "BucketPlan: capacity must be at least 1, got \(capacity)")
        var buckets: [Bucket] = []
        var start = 0
        var offsets: [Int] = []
        var filled = 0
        for (index, count) in counts.enumerated() {
            if filled > 0, filled + count > capacity {
                buckets.append(Bucket(arrays: start..<index, offsets: offsets, count: filled))
                start = index
                offsets = []
                filled = 0
            }
            offsets.append(filled)
            filled += count
        }
        if start < counts.count { buckets.append(Bucket(arrays: start..<counts.count, offsets: offsets, count: filled)) }
        self.buckets = buckets
        self.capacity = capacity
    }

    /// Plans buckets of at most `megabytes` MiB of `Float` values.
    /// - Parameters:
    ///   - counts: The number of values of each array.
    ///   - megabytes: The bucket size in MiB (the default 4 MiB is 1 Mi floats).
    public init(counts: [Int], megabytes: Double) {
        self.init(counts: counts, capacity: max(1, Int(megabytes * 1_048_576) / MemoryLayout<Float>.stride))
    }

    /// The largest bucket's value count (the scratch buffer a packer needs).
    public var largestBucket: Int { buckets.map(\.count).max() ?? 0 }
}
