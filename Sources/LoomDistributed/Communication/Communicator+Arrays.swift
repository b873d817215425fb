extension Communicator {
    /// Sums `values` over all ranks, in place.
    /// - Parameter values: The same length on every rank.
    /// - Throws: ``DistributedError`` when the transport fails.
    public func allreduceSum(_ values: inout [Float]) throws(DistributedError) {
        try values.withUnsafeMutableBufferPointer { (buffer) throws(DistributedError) in try allreduce(buffer, operation: .sum) }
    }

    /// Averages `values` over all ranks, in place (the sum divided by ``Communicator/size``).
    /// - Parameter values: The same length on every rank.
    /// - Throws: ``DistributedError`` when the transport fails.
    public func allreduceMean(_ values: inout [Float]) throws(DistributedError) {
        try allreduceSum(&values)
        if size > 1 {
            let scale = 1 / Float(size)
            for index in values.indices { values[index] *= scale }
        }
    }

    /// Combines `values` over all ranks with `operation`, in place.
    /// - Parameters:
    ///   - values: The same length on every rank.
    ///   - operation: How values are combined.
    /// - Throws: ``DistributedError`` when the transport fails.
    public func allreduce(_ values: inout [Double], operation: ReduceOperation) throws(DistributedError) {
        try values.withUnsafeMutableBufferPointer { (buffer) throws(DistributedError) in try allreduce(buffer, operation: operation) }
    }

    /// Replaces `values` on every rank with `root`'s; the lengths must agree (checked first
    /// on every rank, so a mismatch is an error everywhere rather than a corrupted buffer).
    /// - Parameters:
    ///   - values: The same length on every rank.
    ///   - root: The rank whose values are sent.
    /// - Throws: ``DistributedError/sizeMismatch(what:local:smallest:largest:)`` or a transport error.
    public func broadcast(_ values: inout [Float], root: Int = 0) throws(DistributedError) {
        try checkSameCount(values.count, what: "broadcast of Float values", root: root)
        try values.withUnsafeMutableBufferPointer { (buffer) throws(DistributedError) in try broadcast(UnsafeMutableRawBufferPointer(buffer), root: root) }
    }

    /// Replaces `values` on every rank with `root`'s, bit for bit (hyperparameters); the
    /// lengths must agree (checked first on every rank).
    /// - Parameters:
    ///   - values: The same length on every rank.
    ///   - root: The rank whose values are sent.
    /// - Throws: ``DistributedError/sizeMismatch(what:local:smallest:largest:)`` or a transport error.
    public func broadcast(_ values: inout [Double], root: Int = 0) throws(DistributedError) {
        try checkSameCount(values.count, what: "broadcast of Double values", root: root)
        try values.withUnsafeMutableBufferPointer { (buffer) throws(DistributedError) in try broadcast(UnsafeMutableRawBufferPointer(buffer), root: root) }
    }

    /// Replaces `bytes` on every rank with `root`'s; `root`'s length wins (other ranks'
    /// arrays are resized).
    /// - Parameters:
    ///   - bytes: Any bytes on `root`; ignored elsewhere.
    ///   - root: The rank whose bytes are sent.
    /// - Throws: ``DistributedError`` when the transport fails.
    public func broadcast(_ bytes: inout [UInt8], root: Int = 0) throws(DistributedError) {
        var count = [UInt64(bytes.count)]
        try count.withUnsafeMutableBufferPointer { (buffer) throws(DistributedError) in try broadcast(UnsafeMutableRawBufferPointer(buffer), root: root) }
        let rootCount = Int(count[0])
        if rank != root { bytes = [UInt8](repeating: 0, count: rootCount) }
        try bytes.withUnsafeMutableBufferPointer { (buffer) throws(DistributedError) in try broadcast(UnsafeMutableRawBufferPointer(buffer), root: root) }
    }

    /// Throws on every rank when the ranks' `count`s differ (one allreduce of the smallest
    /// and largest count, so all ranks agree and none is left waiting in the broadcast).
    private func checkSameCount(_ count: Int, what: String, root: Int) throws(DistributedError) {
        guard size > 1 else { return }
        var bounds = [Double(count), -Double(count)]
        try allreduce(&bounds, operation: .max)
        let largest = Int(bounds[0]), smallest = Int(-bounds[1])
        guard smallest == largest else { throw .sizeMismatch(what: what, local: count, smallest: smallest, largest: largest) }
    }
}
