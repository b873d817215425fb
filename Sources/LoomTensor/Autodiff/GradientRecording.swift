/// Whether operations record graph nodes for differentiation, and under which scope.
///
/// The only ambient state in LoomTensor: a task-local mode (inherited by child tasks,
/// invisible to other tasks and threads) that ``Tensor/withoutGradients(_:)`` and
/// ``Tensor/withRecordingScope(_:_:)`` set. An operation reads it once, as before the
/// scope existed: the scope costs nothing while no profiler sets one.
enum GradientRecording {
    /// What operations do with the graph.
    enum Mode: Sendable {
        /// Record nodes, labelled with `scope` (a layer path such as `conv1`; nil: none).
        case recording(scope: String?)
        /// Record nothing: inside ``Tensor/withoutGradients(_:)`` and while `backward()` runs.
        case disabled
    }

    /// The current mode.
    @TaskLocal static var mode = Mode.recording(scope: nil)

    /// `true` inside a ``Tensor/withoutGradients(_:)`` scope and while `backward()` runs.
    static var isDisabled: Bool {
        if case .disabled = mode { return true }
        return false
    }

    /// The scope of nodes recorded now (nil when none is set or recording is disabled).
    static var scope: String? {
        if case let .recording(scope) = mode { return scope }
        return nil
    }
}

extension Tensor {
    /// Runs `body` with gradient recording disabled: operations inside record nothing
    /// (use it for inference, evaluation and metric computation).
    /// - Parameter body: The work to run.
    /// - Returns: What `body` returns.
    public static func withoutGradients<R>(_ body: () throws -> R) rethrows -> R {
        try GradientRecording.$mode.withValue(.disabled, operation: body)
    }

    /// Runs `body` with graph nodes labelled `scope` (a layer path such as `block1/conv1`),
    /// so that a ``BackwardObserver`` can attribute their pullbacks to it. Recording stays
    /// disabled inside a ``withoutGradients(_:)`` scope.
    /// - Parameters:
    ///   - scope: The label of the nodes recorded inside; nil for none.
    ///   - body: The work to run.
    /// - Returns: What `body` returns.
    public static func withRecordingScope<R>(_ scope: String?, _ body: () throws -> R) rethrows -> R {
        guard case .recording = GradientRecording.mode else { return try body() }
        return try GradientRecording.$mode.withValue(.recording(scope: scope), operation: body)
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
        guard any, case let .recording(scope) = GradientRecording.mode else { return result }
        var output = result
        output.node = GraphNode(op: op, parents: inputs.map(\.node), scope: scope, pullback: pullback)
        return output
    }
}
