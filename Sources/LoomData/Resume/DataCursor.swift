/// An endless, resumable stream of datapoints over successive passes of a flow: what the
/// trainer pulls its batches from.
///
/// `position` reports `(epoch, indexInEpoch, flowState)`; `restore(_:)` puts the flow's
/// generators back to the start of that pass and skips `indexInEpoch` datapoints, so a
/// resumed run sees the same data in the same order as an uninterrupted one.
///
/// What is resumable exactly: any pipeline whose passes depend only on the flow state at
/// their start. That holds for every flow in LoomData built from seeded generators,
/// including `PrefetchData` and ordered `MultiThreadMapData`; skipping is cheap (no reads,
/// no maps) through sources, `ShuffleData`, `MapData`, `MapDataComponent`, `BatchData`,
/// `RepeatedData`, `FixedSizeData`, `ConcatData`, `JoinData` and the parallel flows,
/// and replays datapoints through `LocallyShuffleData`. Unordered `MultiThreadMapData`
/// gives the same datapoints but in a timing-dependent order, so it is not exactly resumable.
public final class DataCursor<Flow: DataFlow> {
    /// The flow.
    public let flow: Flow
    /// The current pass (0-based).
    public private(set) var epoch = 0
    /// Datapoints taken from the current pass.
    public private(set) var indexInEpoch = 0
    private var iterator: Flow.Iterator?
    private var passStart: FlowState

    /// Creates a cursor at the start of the first pass; calls `flow.resetState()`.
    /// - Parameter flow: The flow.
    /// - Throws: Any error of `resetState()`.
    public init(_ flow: Flow) throws {
        try flow.resetState()
        self.flow = flow
        self.passStart = flow.state
    }

    /// The current position, to save.
    public var position: DataPosition {
        DataPosition(epoch: epoch, indexInEpoch: indexInEpoch, flowState: iterator == nil ? flow.state : passStart)
    }

    /// The next datapoint of the current pass, or nil at its end (the next call starts the
    /// next pass).
    /// - Returns: A datapoint, or nil once per pass, at its end.
    /// - Throws: Any error of the flow.
    public func nextInPass() throws -> Datapoint? {
        if iterator == nil {
            passStart = flow.state
            iterator = flow.makeIterator()
        }
        if let datapoint = try iterator?.next() {
            indexInEpoch += 1
            return datapoint
        }
        iterator = nil
        epoch += 1
        indexInEpoch = 0
        return nil
    }

    /// The next datapoint, moving on to the next pass at the end of one.
    /// - Returns: A datapoint.
    /// - Throws: `DataFlowError.empty` if a whole pass yields nothing; any flow error.
    public func next() throws -> Datapoint {
        if let datapoint = try nextInPass() { return datapoint }
        if let datapoint = try nextInPass() { return datapoint }
        throw DataFlowError.empty(flow: "the flow of DataCursor")
    }

    /// Moves to a saved position.
    /// - Parameter position: A value read from `position` of a cursor over the same pipeline.
    /// - Throws: `DataFlowError.stateMismatch` if the state does not fit or the pass is too short.
    public func restore(_ position: DataPosition) throws {
        guard position.epoch >= 0, position.indexInEpoch >= 0 else {
            throw DataFlowError.stateMismatch(expected: "a non-negative epoch and index", found: "\(position.epoch), \(position.indexInEpoch)")
        }
        iterator = nil
        try flow.restore(position.flowState)
        passStart = position.flowState
        var fresh = flow.makeIterator()
        let skipped = try fresh.skip(position.indexInEpoch)
        guard skipped == position.indexInEpoch else {
            throw DataFlowError.stateMismatch(expected: "a pass with at least \(position.indexInEpoch) datapoints", found: "\(skipped)")
        }
        iterator = fresh
        epoch = position.epoch
        indexInEpoch = position.indexInEpoch
    }
}
