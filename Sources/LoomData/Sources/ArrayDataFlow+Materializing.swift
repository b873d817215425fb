extension ArrayDataFlow {
    /// Reads every datapoint of `flow` once and keeps them in memory, stacked into columns
    /// (tensorpack's `CacheData` for a finite, fixed set).
    ///
    /// Use it for a validation set that is generated or decoded on the fly
    /// (`SyntheticDigits`, a `MapData` of decoding): every later pass reads the same values
    /// without producing them again.
    /// - Parameter flow: A finite flow (`count` not nil) with at least one datapoint; its
    ///   `resetState()` is called first.
    /// - Throws: `DataFlowError.invalidArgument` for an endless or empty flow, or the
    ///   flow's error.
    public convenience init<Flow: DataFlow>(materializing flow: Flow) throws {
        guard let count = flow.count else {
            throw DataFlowError.invalidArgument("cannot keep an endless flow in memory: its count is unknown (limit it with FixedSizeData first)")
        }
        try flow.resetState()
        var samples: [Datapoint] = []
        samples.reserveCapacity(count)
        var iterator = flow.makeIterator()
        while let datapoint = try iterator.next() { samples.append(datapoint) }
        guard !samples.isEmpty else {
            throw DataFlowError.invalidArgument("cannot keep an empty flow in memory: it yielded no datapoint")
        }
        try self.init(columns: BatchData<Flow>.stack(samples))
    }
}
