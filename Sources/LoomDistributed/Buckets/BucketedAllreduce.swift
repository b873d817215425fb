/// Allreduce of many arrays in few calls: packs each bucket of a ``BucketPlan`` into one
/// scratch buffer, reduces it, and unpacks the result. The scratch buffer is kept between
/// calls, so the steady state allocates nothing.
public struct BucketedAllreduce {
    /// The packing plan.
    public let plan: BucketPlan
    private var scratch: [Float]

    /// Creates a reducer for arrays of the given sizes.
    /// - Parameters:
    ///   - counts: Each array's value count, in the order the arrays will be passed.
    ///   - megabytes: The bucket size in MiB.
    public init(counts: [Int], megabytes: Double = 4) {
        plan = BucketPlan(counts: counts, megabytes: megabytes)
        scratch = [Float](repeating: 0, count: plan.largestBucket)
    }

    /// Reduces the arrays that `read` and `write` give access to.
    /// - Parameters:
    ///   - communicator: The group to reduce over.
    ///   - mean: Whether to divide the sums by the group size.
    ///   - read: Copies array `index` into the buffer (exactly its planned count).
    ///   - write: Receives array `index`'s reduced values.
    /// - Throws: ``DistributedError`` when the transport fails.
    public mutating func run(
        over communicator: any Communicator, mean: Bool,
        read: (Int, UnsafeMutableBufferPointer<Float>) -> Void,
        write: (Int, UnsafeBufferPointer<Float>) -> Void
    ) throws(DistributedError) {
        let scale = mean && communicator.size > 1 ? 1 / Float(communicator.size) : 1
        for bucket in plan.buckets {
            let ends = bucket.offsets.dropFirst() + [bucket.count]
            try scratch.withUnsafeMutableBufferPointer { (buffer) throws(DistributedError) in
                for (index, (start, end)) in zip(bucket.arrays, zip(bucket.offsets, ends)) {
                    read(index, UnsafeMutableBufferPointer(rebasing: buffer[start..<end]))
                }
                let packed = UnsafeMutableBufferPointer(rebasing: buffer[0..<bucket.count])
                try communicator.allreduce(packed, operation: .sum)
                if scale != 1 { for index in packed.indices { packed[index] *= scale } }
                for (index, (start, end)) in zip(bucket.arrays, zip(bucket.offsets, ends)) {
                    write(index, UnsafeBufferPointer(rebasing: buffer[start..<end]))
                }
            }
        }
    }

    /// Reduces `arrays` in place; their counts must match the plan.
    /// - Parameters:
    ///   - arrays: The arrays, in planned order.
    ///   - communicator: The group to reduce over.
    ///   - mean: Whether to average instead of sum.
    /// - Throws: ``DistributedError`` when the transport fails.
    public mutating func run(_ arrays: inout [[Float]], over communicator: any Communicator, mean: Bool) throws(DistributedError) {
        try run(over: communicator, mean: mean, read: { index, target in
            arrays[index].withUnsafeBufferPointer { source in
                for position in 0..<target.count { target[position] = source[position] }
            }
        }, write: { index, source in
            arrays[index].withUnsafeMutableBufferPointer { target in
                for position in 0..<source.count { target[position] = source[position] }
            }
        })
    }
}
