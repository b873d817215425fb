/// A re-iterable source of datapoints (tensorpack's `DataFlow`).
///
/// A flow is a description of data plus the random generators it owns; each call to
/// `makeIterator()` starts one pass (one *epoch*) over it. Call `resetState()` once before
/// the first iteration (it seeds generators and opens files). Flows are reference types
/// that may be shared with worker threads, hence `Sendable`; the mutable state they hold
/// (random generators) is behind a lock.
///
/// Resume: `state` reports the flow's generator states as a `Codable` `FlowState` tree,
/// and `restore(_:)` puts them back. Restoring the state captured before an epoch's
/// `makeIterator()` and skipping `k` datapoints reproduces that epoch from position `k`;
/// `DataCursor` does exactly that.
public protocol DataFlow: Sendable {
    /// The iterator type of one pass.
    associatedtype Iterator: DataFlowIterator

    /// The number of datapoints one pass yields, if known.
    var count: Int? { get }

    /// Prepares the flow (seeds generators, opens files); call once before use.
    /// - Throws: An error if a file cannot be opened or read.
    func resetState() throws

    /// Starts one pass over the data.
    /// - Returns: An iterator; its `next()` returns nil at the end of the pass.
    func makeIterator() -> Iterator

    /// The state of every generator in this flow and its upstream flows.
    var state: FlowState { get }

    /// Restores generator states reported earlier by `state`.
    /// - Parameter state: A value read from `state` of a flow with the same structure.
    /// - Throws: `DataFlowError.stateMismatch` if the state belongs to another structure.
    func restore(_ state: FlowState) throws
}

/// The iterator of one pass over a `DataFlow`.
public protocol DataFlowIterator {
    /// The next datapoint, or nil at the end of the pass.
    /// - Throws: Any error from a reader, a map function or a worker thread.
    mutating func next() throws -> Datapoint?

    /// Skips up to `count` datapoints, cheaply when the flow allows it.
    /// - Parameter count: How many datapoints to skip.
    /// - Returns: How many were skipped (fewer only at the end of the pass).
    /// - Throws: Any error `next()` could throw.
    mutating func skip(_ count: Int) throws -> Int
}

extension DataFlowIterator {
    /// Skips by calling `next()` `count` times (the fallback for flows with no shortcut).
    public mutating func skip(_ count: Int) throws -> Int {
        var skipped = 0
        while skipped < count, try next() != nil { skipped += 1 }
        return skipped
    }
}

extension DataFlow {
    /// Every datapoint of one pass, in order (for tests and small data).
    /// - Returns: The datapoints of one call to `makeIterator()`.
    /// - Throws: Any error raised while iterating.
    public func collect() throws -> [Datapoint] {
        var iterator = makeIterator()
        var result: [Datapoint] = []
        if let count { result.reserveCapacity(count) }
        while let datapoint = try iterator.next() { result.append(datapoint) }
        return result
    }
}
