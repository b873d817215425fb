/// Whether operations record graph nodes for differentiation.
///
/// The only ambient state in LoomTensor: a task-local flag (inherited by child tasks,
/// invisible to other tasks and threads) that ``Tensor/withoutGradients(_:)`` sets.
enum GradientRecording {
    /// `true` inside a ``Tensor/withoutGradients(_:)`` scope and while `backward()` runs.
    @TaskLocal static var isDisabled = false
}

extension Tensor {
    /// Runs `body` with gradient recording disabled: operations inside record nothing
    /// (use it for inference, evaluation and metric computation).
    /// - Parameter body: The work to run.
    /// - Returns: What `body` returns.
    public static func withoutGradients<R>(_ body: () throws -> R) rethrows -> R {
        try GradientRecording.$isDisabled.withValue(true, operation: body)
    }

    /// Whether operations currently record graph nodes (false inside ``withoutGradients(_:)``).
    public static var isRecordingGradients: Bool { !GradientRecording.isDisabled }

    /// The parents' nodes when an operation on `inputs` must be recorded; `nil` when no
    /// input requires a gradient or recording is disabled.
    @inline(__always)
    static func recordingParents(_ inputs: Tensor...) -> [GraphNode?]? {
        var any = false
        for input in inputs where input.node != nil { any = true }
        guard any, !GradientRecording.isDisabled else { return nil }
        return inputs.map(\.node)
    }

    /// Attaches an operation node to `result` when any input must be recorded.
    /// - Parameters:
    ///   - result: The forward value.
    ///   - op: The operation name.
    ///   - inputs: The operation's inputs, matching the pullback's output order.
    ///   - pullback: Maps the result's gradient to one gradient per input.
    @inline(__always)
    static func recorded(_ result: Tensor, op: String, inputs: Tensor..., pullback: @escaping GraphNode.Pullback) -> Tensor {
        var any = false
        for input in inputs where input.node != nil { any = true }
        guard any, !GradientRecording.isDisabled else { return result }
        var output = result
        output.node = GraphNode(op: op, parents: inputs.map(\.node), pullback: pullback)
        return output
    }
}
