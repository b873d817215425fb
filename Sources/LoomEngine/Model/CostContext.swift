/// What a cost function is told about the call: the mode, and which outputs were asked
/// for (so it can skip computing an expensive output nobody wants).
public struct CostContext: Sendable {
    /// Whether this is a training step (`false`: inference, no gradient recorded).
    public let isTraining: Bool
    /// The output names requested for this call.
    public let requested: [String]
    /// Whether the step runs the model's update ops (BatchNorm statistics) afterwards; a
    /// custom step that applies them itself (a data-parallel one) reads it.
    public let runUpdateOps: Bool

    /// Creates a context.
    /// - Parameters:
    ///   - isTraining: The mode.
    ///   - requested: The requested output names.
    ///   - runUpdateOps: Whether the step runs the update ops.
    public init(isTraining: Bool, requested: [String], runUpdateOps: Bool = false) {
        self.isTraining = isTraining
        self.requested = requested
        self.runUpdateOps = runUpdateOps
    }

    /// Whether the output `name` was requested.
    /// - Parameter name: An output name.
    /// - Returns: `true` when it is among ``requested``.
    public func wants(_ name: String) -> Bool { requested.contains(name) }
}
