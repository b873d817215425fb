import Foundation

/// Applies a map function on `threads` worker threads.
///
/// Workers take datapoints from the upstream pass one at a time (under a lock), map them
/// in parallel, and hand results back. With `ordered: true` the output order is the
/// upstream order, and the output equals `MapData` with the same seed and function (each
/// datapoint's generator depends only on the seed, the pass and its index). With
/// `ordered: false` results come as they finish. At most `bufferSize` datapoints are
/// taken but not yet consumed. A map or upstream error reaches the consumer (in order)
/// with its message, then the pass ends. Releasing the iterator early stops the workers
/// and waits for them to exit.
public final class MultiThreadMapData<Upstream: DataFlow>: DataFlow {
    /// The input flow.
    public let upstream: Upstream
    /// The number of worker threads.
    public let threads: Int
    /// Datapoints in flight at most.
    public let bufferSize: Int
    /// Whether the output keeps the upstream order.
    public let ordered: Bool
    let function: MapData<Upstream>.Function
    let epochSeeds: EpochSeeds
    let workers = WorkerCount()

    /// Creates a parallel map.
    /// - Parameters:
    ///   - upstream: The input flow.
    ///   - threads: Worker threads, > 0.
    ///   - bufferSize: Datapoints in flight at most (default `4 × threads`).
    ///   - ordered: Keep the upstream order (default true).
    ///   - seed: Seeds the per-datapoint generators.
    ///   - function: The map; it may run on any worker thread.
    /// - Throws: `DataFlowError.invalidArgument` for a thread count or buffer size < 1.
    public init(_ upstream: Upstream, threads: Int, bufferSize: Int? = nil, ordered: Bool = true, seed: UInt64 = 0,
                _ function: @escaping MapData<Upstream>.Function) throws {
        guard threads > 0 else { throw DataFlowError.invalidArgument("thread count must be at least 1, got \(threads)") }
        let buffer = bufferSize ?? 4 * threads
        guard buffer > 0 else { throw DataFlowError.invalidArgument("buffer size must be at least 1, got \(buffer)") }
        self.upstream = upstream
        self.threads = threads
        self.bufferSize = buffer
        self.ordered = ordered
        self.function = function
        self.epochSeeds = EpochSeeds(seed: seed)
    }

    /// Creates a parallel map without randomness.
    /// - Parameters:
    ///   - upstream: The input flow.
    ///   - threads: Worker threads, > 0.
    ///   - bufferSize: Datapoints in flight at most.
    ///   - ordered: Keep the upstream order.
    ///   - function: The map.
    /// - Throws: `DataFlowError.invalidArgument` for a thread count or buffer size < 1.
    public convenience init(_ upstream: Upstream, threads: Int, bufferSize: Int? = nil, ordered: Bool = true,
                            _ function: @escaping @Sendable (Datapoint) throws -> Datapoint) throws {
        try self.init(upstream, threads: threads, bufferSize: bufferSize, ordered: ordered, seed: 0) { datapoint, _ in
            try function(datapoint)
        }
    }

    /// Worker threads of this flow running now (0 once every iterator is released).
    public var activeWorkerCount: Int { workers.current }

    /// The upstream count.
    public var count: Int? { upstream.count }

    /// Re-seeds and resets the upstream flow.
    public func resetState() throws {
        epochSeeds.reset()
        try upstream.resetState()
    }

    /// Starts a pass (workers start at the first `next()`).
    public func makeIterator() -> Iterator {
        Iterator(pool: MapWorkerPool(
            source: upstream.makeIterator(), function: function, base: epochSeeds.draw(),
            threads: threads, capacity: bufferSize, ordered: ordered, workers: workers))
    }

    /// The generator state and the upstream state (the same shape as `MapData`'s).
    public var state: FlowState { FlowState(kind: "map", rng: epochSeeds.state, upstream: [upstream.state]) }

    /// Restores the generator and the upstream.
    public func restore(_ state: FlowState) throws {
        try state.check(kind: "map", upstreamCount: 1)
        try epochSeeds.restore(state.rng)
        try upstream.restore(state.upstream[0])
    }

    /// The iterator of `MultiThreadMapData`; releasing it stops its workers.
    public final class Iterator: DataFlowIterator {
        let pool: MapWorkerPool<Upstream.Iterator>

        init(pool: MapWorkerPool<Upstream.Iterator>) { self.pool = pool }

        deinit { pool.stop() }

        /// The next mapped datapoint.
        public func next() throws -> Datapoint? { try pool.take() }

        /// Skips cheaply (no mapping) before the workers start, else by taking datapoints.
        public func skip(_ count: Int) throws -> Int {
            if let skipped = try pool.skipBeforeStart(count) { return skipped }
            var skipped = 0
            while skipped < count, try next() != nil { skipped += 1 }
            return skipped
        }
    }
}
