/// Runs the model's update operations (e.g. batch-norm statistics) with every step
/// (tensorpack `RunUpdateOps`, a default). Without it, they do not run.
public final class RunUpdateOps: Callback {
    /// Creates the callback.
    public init() {}
    public var chiefOnly: Bool { false }
    public var stepEvents: StepEvents { .beforeStep }
    public func beforeStep(_ request: inout StepRequest) throws { request.runUpdateOps = true }
}
