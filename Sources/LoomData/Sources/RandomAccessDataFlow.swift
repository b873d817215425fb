/// A flow whose datapoints can be read by index (in-memory arrays, generated data).
///
/// `ShuffleData` needs this: it permutes indices instead of buffering a whole epoch.
public protocol RandomAccessDataFlow: DataFlow {
    /// The number of datapoints.
    var size: Int { get }

    /// The datapoint at `index`.
    /// - Parameter index: A value in `0..<size`.
    /// - Returns: The datapoint; the same index always gives the same datapoint.
    /// - Throws: An error if the datapoint cannot be produced.
    func datapoint(at index: Int) throws -> Datapoint
}

/// Iterates a random-access flow in index order; `skip` is O(1).
public struct IndexedIterator<Flow: RandomAccessDataFlow>: DataFlowIterator {
    let flow: Flow
    var index = 0

    /// Starts at index 0 of `flow` (for flows of other modules that are random access).
    public init(flow: Flow) { self.flow = flow }

    /// The next datapoint in index order.
    public mutating func next() throws -> Datapoint? {
        guard index < flow.size else { return nil }
        defer { index += 1 }
        return try flow.datapoint(at: index)
    }

    /// Skips without producing datapoints.
    public mutating func skip(_ count: Int) throws -> Int {
        let skipped = max(0, min(count, flow.size - index))
        index += skipped
        return skipped
    }
}
