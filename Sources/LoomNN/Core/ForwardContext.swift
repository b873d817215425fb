import LoomTensor

/// The per-model state a forward pass reads and writes: train/eval mode, the generator that
/// dropout draws from, the update ops collected so far and (when asked) activations.
///
/// Owned by a ``Model``; nothing here is global, so two models never share randomness.
public final class ForwardContext {
    /// Whether layers behave as in training (batch statistics, dropout) or evaluation.
    public var isTraining: Bool
    /// The generator dropout masks are drawn from (its state is part of a resumable run).
    public var generator: SeededGenerator
    /// Update ops collected by forward passes and not yet applied or discarded.
    public private(set) var pendingUpdates: [UpdateOp] = []
    /// Whether containers record each child's output in ``activations`` (for histograms).
    public var recordsActivations = false { didSet { tracksScopes = recordsActivations || traceRecorder != nil } }
    /// Times each named layer's forward pass and labels its ops for per-layer backward
    /// timing while set (a profiled step); nil otherwise.
    public var traceRecorder: TraceRecorder? { didSet { tracksScopes = recordsActivations || traceRecorder != nil } }
    /// Recorded outputs by layer path (e.g. `conv1`), filled when ``recordsActivations`` is set.
    public private(set) var activations: [(name: String, value: Tensor)] = []
    private var scope: [String] = []
    /// Whether ``scoped(_:_:)`` keeps the scope path (one branch per layer call when not).
    private var tracksScopes = false

    /// Creates a context.
    /// - Parameters:
    ///   - isTraining: The initial mode.
    ///   - seed: The seed of the dropout generator.
    public init(isTraining: Bool = true, seed: UInt64) {
        self.isTraining = isTraining
        generator = SeededGenerator(seed: seed)
    }

    /// Queues an update op (called by layers during forward).
    /// - Parameter op: The deferred update.
    public func addUpdate(_ op: UpdateOp) { pendingUpdates.append(op) }

    /// Applies every pending update op in the order they were queued, then clears the queue.
    public func applyUpdates() {
        for op in pendingUpdates { op.apply() }
        pendingUpdates.removeAll(keepingCapacity: true)
    }

    /// Drops every pending update op without applying it.
    public func discardUpdates() { pendingUpdates.removeAll(keepingCapacity: true) }

    /// Clears recorded activations.
    public func clearActivations() { activations.removeAll() }

    /// Runs `child` inside the named scope; records its output when recording is on, and
    /// times it as `<path>/forward` (its ops labelled `<path>`) when a ``traceRecorder`` is set.
    /// - Parameters:
    ///   - name: The child's name within its container.
    ///   - child: The child's forward pass.
    /// - Returns: The child's output.
    public func scoped(_ name: String, _ child: () -> Tensor) -> Tensor {
        guard tracksScopes else { return child() }
        scope.append(name)
        defer { scope.removeLast() }
        let path = scope.joined(separator: "/")
        let output: Tensor
        if let traceRecorder {
            let span = traceRecorder.begin(path + "/forward", category: "layer.forward")
            output = Tensor.withRecordingScope(path, child)
            traceRecorder.end(span)
        } else {
            output = child()
        }
        if recordsActivations { activations.append((path, output.detached())) }
        return output
    }
}
