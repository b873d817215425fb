/// What a cost function is told about the call: the mode, and which outputs were asked
/// for (so it can skip computing an expensive output nobody wants).
public struct CostContext: Sendable {
    /// Whether this is a training step (`false`: inference, no gradient recorded).
    public let isTraining: Bool
    /// The output names requested for this call.
    public let requested: [String]

    /// Creates a context.
    /// - Parameters:
    ///   - isTraining: The mode.
    ///   - requested: The requested output names.
    public init(isTraining: Bool, requested: [String]) {
        self.isTraining = isTraining
        self.requested = requested
    }

    /// Whether the output `name` was requested.
    /// - Parameter name: An output name.
    /// - Returns: `true` when it is among ``requested``.
    public func wants(_ name: String) -> Bool { requested.contains(name) }
}
