/// Makes a pass exactly `size` datapoints long: truncates a longer upstream pass and
/// continues a shorter one with new upstream passes.
///
/// Each pass starts a fresh upstream pass (tensorpack's `keep_state=False`), so a pass
/// depends only on the flow state at its start, which keeps it resumable.
public final class FixedSizeData<Upstream: DataFlow>: DataFlow {
    /// The input flow.
    public let upstream: Upstream
    /// Datapoints per pass.
    public let size: Int
    let cycle: RepeatedData<Upstream>

    /// Creates a fixed-size flow.
    /// - Parameters:
    ///   - upstream: The input flow.
    ///   - size: Datapoints per pass, ≥ 0.
    /// - Throws: `DataFlowError.invalidArgument` if `size` is negative.
    public init(_ upstream: Upstream, size: Int) throws {
        guard size >= 0 else { throw DataFlowError.invalidArgument("size must be ≥ 0, got \(size)") }
        self.upstream = upstream
        self.size = size
        self.cycle = try RepeatedData(upstream, times: nil)
    }

    /// `size`.
    public var count: Int? { size }

    /// Resets the upstream flow.
    public func resetState() throws { try upstream.resetState() }

    /// Starts a pass.
    public func makeIterator() -> Iterator { Iterator(inner: cycle.makeIterator(), remaining: size) }

    /// The upstream state.
    public var state: FlowState { FlowState(kind: "fixedSize", upstream: [upstream.state]) }

    /// Restores the upstream state.
    public func restore(_ state: FlowState) throws {
        try state.check(kind: "fixedSize", upstreamCount: 1)
        try upstream.restore(state.upstream[0])
    }

    /// The iterator of `FixedSizeData`.
    public struct Iterator: DataFlowIterator {
        var inner: RepeatedData<Upstream>.Iterator
        var remaining: Int

        /// The next datapoint, until `size` have been yielded.
        public mutating func next() throws -> Datapoint? {
            guard remaining > 0, let item = try inner.next() else { return nil }
            remaining -= 1
            return item
        }

        /// Skips through the cycled upstream.
        public mutating func skip(_ count: Int) throws -> Int {
            let skipped = try inner.skip(min(count, remaining))
            remaining -= skipped
            return skipped
        }
    }
}
