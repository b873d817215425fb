import LoomTensor

/// A network with its named state and forward context: the unit the trainer saves,
/// restores and steps.
///
/// Parameter and buffer names are collected once at construction by walking the network
/// (``Layer/visitState(prefix:_:)``); they are the keys of checkpoints. Names must be unique.
public final class Model {
    /// The root layer.
    public let network: any Layer
    /// Mode, dropout generator, pending update ops, recorded activations.
    public let context: ForwardContext
    private let parameters: [(name: String, parameter: Parameter)]
    private let buffers: [(name: String, buffer: Buffer)]

    /// Wraps a network.
    /// - Parameters:
    ///   - network: The root layer.
    ///   - seed: The seed of the model's dropout generator.
    public init(_ network: any Layer, seed: UInt64 = 0) {
        self.network = network
        context = ForwardContext(isTraining: true, seed: seed)
        var parameters: [(name: String, parameter: Parameter)] = []
        var buffers: [(name: String, buffer: Buffer)] = []
        var seen = Set<String>()
        network.visitState(prefix: "") { name, entry in
            precondition(seen.insert(name).inserted, "Model: two state entries are both named '\(name)'; give the layers distinct names")
            switch entry {
            case let .parameter(parameter): parameters.append((name, parameter))
            case let .buffer(buffer): buffers.append((name, buffer))
            }
        }
        self.parameters = parameters
        self.buffers = buffers
    }

    /// Whether layers behave as in training (batch statistics, dropout) or evaluation.
    public var isTraining: Bool {
        get { context.isTraining }
        set { context.isTraining = newValue }
    }

    /// Runs the network on `input` in the current mode (a `forward` span, its ops outside
    /// named layers unlabelled, when the context has a trace recorder).
    /// - Parameter input: The input batch.
    /// - Returns: The network's output.
    public func callAsFunction(_ input: Tensor) -> Tensor {
        guard let recorder = context.traceRecorder else { return network.forward(input, context: context) }
        let span = recorder.begin("forward", category: "forward")
        let output = Tensor.withRecordingScope(nil) { network.forward(input, context: context) }
        recorder.end(span)
        recorder.lastForwardEnd = recorder.now()
        return output
    }

    /// Every trainable parameter with its hierarchical name, in a fixed order.
    public func namedParameters() -> [(name: String, parameter: Parameter)] { parameters }

    /// Every buffer (e.g. `bn1/mean/EMA`) with its hierarchical name, in a fixed order.
    public func namedBuffers() -> [(name: String, buffer: Buffer)] { buffers }

    /// The number of trainable scalars.
    public var parameterCount: Int { parameters.reduce(0) { $0 + $1.parameter.value.scalarCount } }

    /// Clears every parameter's accumulated gradient.
    public func zeroGradients() {
        for (_, parameter) in parameters { parameter.zeroGradient() }
    }

    /// The number of update ops collected by forward passes and not yet applied.
    public var pendingUpdateCount: Int { context.pendingUpdates.count }

    /// Applies the pending update ops (BatchNorm moving statistics) and clears them.
    public func applyUpdateOps() { context.applyUpdates() }

    /// Drops the pending update ops without applying them.
    public func discardUpdateOps() { context.discardUpdates() }

    /// The values of every parameter and buffer by name, for histograms.
    public func weightHistogramValues() -> [(name: String, values: [Float])] {
        parameters.map { ($0.name, $0.parameter.value.scalars) } + buffers.map { ($0.name, $0.buffer.value.scalars) }
    }
}
