/// Stacks consecutive datapoints into batches with a leading batch dimension.
///
/// Component `k` of a batch is component `k` of each datapoint, stacked contiguously:
/// `batchSize` components of shape `s` become one of shape `[batchSize] + s`. All
/// datapoints of a batch must agree in component count, shapes and types.
public final class BatchData<Upstream: DataFlow>: DataFlow {
    /// What to do with the last datapoints when fewer than `batchSize` remain.
    public enum Remainder: Sendable {
        /// Drop them: every batch is full.
        case drop
        /// Yield a smaller final batch.
        case keep
    }

    /// The input flow.
    public let upstream: Upstream
    /// Datapoints per batch.
    public let batchSize: Int
    /// The remainder policy.
    public let remainder: Remainder

    /// Creates a batching flow.
    /// - Parameters:
    ///   - upstream: The input flow.
    ///   - batchSize: Datapoints per batch, > 0.
    ///   - remainder: `.drop` (default) or `.keep` for a final partial batch.
    /// - Throws: `DataFlowError.invalidArgument` if `batchSize` < 1.
    public init(_ upstream: Upstream, batchSize: Int, remainder: Remainder = .drop) throws {
        guard batchSize > 0 else { throw DataFlowError.invalidArgument("batch size must be at least 1, got \(batchSize)") }
        self.upstream = upstream
        self.batchSize = batchSize
        self.remainder = remainder
    }

    /// Batches per pass: floor (drop) or ceiling (keep) of upstream count / batch size.
    public var count: Int? {
        guard let n = upstream.count else { return nil }
        return remainder == .drop ? n / batchSize : (n + batchSize - 1) / batchSize
    }

    /// Resets the upstream flow.
    public func resetState() throws { try upstream.resetState() }

    /// Starts a pass.
    public func makeIterator() -> Iterator { Iterator(upstream: upstream.makeIterator(), batchSize: batchSize, remainder: remainder) }

    /// The upstream state.
    public var state: FlowState { FlowState(kind: "batch", upstream: [upstream.state]) }

    /// Restores the upstream state.
    public func restore(_ state: FlowState) throws {
        try state.check(kind: "batch", upstreamCount: 1)
        try upstream.restore(state.upstream[0])
    }

    /// The iterator of `BatchData`.
    public struct Iterator: DataFlowIterator {
        var upstream: Upstream.Iterator
        let batchSize: Int
        let remainder: Remainder

        /// The next batch.
        public mutating func next() throws -> Datapoint? {
            var items: [Datapoint] = []
            items.reserveCapacity(batchSize)
            while items.count < batchSize, let item = try upstream.next() { items.append(item) }
            if items.isEmpty || (items.count < batchSize && remainder == .drop) { return nil }
            return try BatchData.stack(items)
        }

        /// Skips whole batches by skipping upstream datapoints.
        public mutating func skip(_ count: Int) throws -> Int {
            let skipped = try upstream.skip(count * batchSize)
            return remainder == .drop ? skipped / batchSize : (skipped + batchSize - 1) / batchSize
        }
    }

    /// Stacks datapoints component by component.
    /// - Parameter items: One or more datapoints with matching components.
    /// - Returns: The batch.
    /// - Throws: `DataFlowError.batchMismatch` / `.componentCount` on disagreement.
    public static func stack(_ items: [Datapoint]) throws -> Datapoint {
        let first = items[0]
        for item in items where item.count != first.count {
            throw DataFlowError.componentCount(expected: first.count, found: item.count)
        }
        return try first.indices.map { k in
            let reference = first[k]
            let shape = [items.count] + reference.shape
            switch reference {
            case .floats:
                var values: [Float] = []
                values.reserveCapacity(items.count * reference.scalarCount)
                for item in items {
                    guard case let .floats(s, v) = item[k], s == reference.shape else {
                        throw mismatch(k, reference, item[k])
                    }
                    values.append(contentsOf: v)
                }
                return .floats(shape: shape, values: values)
            case .ints:
                var values: [Int32] = []
                values.reserveCapacity(items.count * reference.scalarCount)
                for item in items {
                    guard case let .ints(s, v) = item[k], s == reference.shape else {
                        throw mismatch(k, reference, item[k])
                    }
                    values.append(contentsOf: v)
                }
                return .ints(shape: shape, values: values)
            }
        }
    }

    private static func mismatch(_ k: Int, _ expected: DataComponent, _ found: DataComponent) -> DataFlowError {
        .batchMismatch(component: k, expected: "\(expected.typeName) \(expected.shape)", found: "\(found.typeName) \(found.shape)")
    }
}
