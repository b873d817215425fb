/// Chainable builders: `source.shuffled(seed: 1).map { … }.batched(64)`.
extension DataFlow {
    /// Batches this flow (see `BatchData`).
    /// - Parameters:
    ///   - batchSize: Datapoints per batch.
    ///   - remainder: `.drop` or `.keep`.
    /// - Returns: The batching flow.
    /// - Throws: `DataFlowError.invalidArgument` if `batchSize` < 1.
    public func batched(_ batchSize: Int, remainder: BatchData<Self>.Remainder = .drop) throws -> BatchData<Self> {
        try BatchData(self, batchSize: batchSize, remainder: remainder)
    }

    /// Maps every datapoint (see `MapData`).
    /// - Parameter function: The map.
    /// - Returns: The mapping flow.
    public func map(_ function: @escaping @Sendable (Datapoint) throws -> Datapoint) -> MapData<Self> {
        MapData(self, function)
    }

    /// Maps every datapoint with a per-datapoint seeded generator (see `MapData`).
    /// - Parameters:
    ///   - seed: The seed.
    ///   - function: The map.
    /// - Returns: The mapping flow.
    public func map(seed: UInt64, _ function: @escaping MapData<Self>.Function) -> MapData<Self> {
        MapData(self, seed: seed, function)
    }

    /// Runs this flow on a background thread (see `PrefetchData`).
    /// - Parameter bufferSize: The queue capacity.
    /// - Returns: The prefetching flow.
    /// - Throws: `DataFlowError.invalidArgument` if `bufferSize` < 1.
    public func prefetched(bufferSize: Int) throws -> PrefetchData<Self> {
        try PrefetchData(self, bufferSize: bufferSize)
    }

    /// Repeats this flow (see `RepeatedData`).
    /// - Parameter times: Repetitions, or nil for forever.
    /// - Returns: The repeating flow.
    /// - Throws: `DataFlowError.invalidArgument` if `times` < 0.
    public func repeated(_ times: Int?) throws -> RepeatedData<Self> { try RepeatedData(self, times: times) }
}

extension RandomAccessDataFlow {
    /// Shuffles this flow (see `ShuffleData`).
    /// - Parameter seed: The seed of the order.
    /// - Returns: The shuffled flow.
    public func shuffled(seed: UInt64) -> ShuffleData<Self> { ShuffleData(self, seed: seed) }
}
