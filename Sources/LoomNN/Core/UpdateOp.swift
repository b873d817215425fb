/// A state change computed during a forward pass but applied only when the trainer says so
/// (tensorpack's update ops, e.g. BatchNorm moving statistics).
public struct UpdateOp {
    /// What the op updates, e.g. `"BatchNorm moving statistics"`.
    public let label: String
    /// Performs the update.
    let body: () -> Void

    /// Creates an update op.
    /// - Parameters:
    ///   - label: What the op updates.
    ///   - body: The update.
    public init(label: String, _ body: @escaping () -> Void) {
        self.label = label
        self.body = body
    }

    /// Performs the update.
    public func apply() { body() }
}
