/// Where a `DataCursor` is: a plain `Codable` value to store in a checkpoint.
public struct DataPosition: Codable, Equatable, Sendable {
    /// Passes over the flow completed so far (0-based index of the current pass).
    public var epoch: Int
    /// Datapoints already taken from the current pass.
    public var indexInEpoch: Int
    /// The flow's generator states at the start of the current pass.
    public var flowState: FlowState

    /// Creates a position.
    /// - Parameters:
    ///   - epoch: The current pass.
    ///   - indexInEpoch: Datapoints taken from it.
    ///   - flowState: The flow state at its start.
    public init(epoch: Int, indexInEpoch: Int, flowState: FlowState) {
        self.epoch = epoch
        self.indexInEpoch = indexInEpoch
        self.flowState = flowState
    }
}
