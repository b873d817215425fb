import LoomTensor

/// A long short-term memory layer over `[batch, time, features]` input, unrolled step by
/// step on the tape (back-propagation through time over the batch's time steps).
///
/// Per step, with gates in the order input, forget, cell, output (PyTorch's order):
/// `z = x_t·Wx + h·Wh + b`, `i, f, o = σ(z_i), σ(z_f), σ(z_o)`, `g = tanh(z_g)`,
/// `c' = f·c + i·g`, `h' = o·tanh(c')`. The forget gate's bias starts at 1.
///
/// Two ways to use it:
/// - ``callAsFunction(_:initialState:)``: explicit state in, all hidden states and the final
///   state out. The returned state is still on the graph; pass `state.detached()` into the
///   next call for truncated back-propagation across batches (gradients stop at the batch
///   boundary, values flow on).
/// - As a ``Layer`` (``forward(_:context:)``, returns all hidden states): each sequence starts
///   from zeros, unless ``carriesState`` is set, in which case every call starts from the
///   previous call's final state, detached (``carriedState(training:)``), and stores its own.
///   Training and evaluation passes carry separate states (chosen by the context's mode), so
///   an evaluation run in the middle of training leaves the training stream intact. Call
///   ``resetState(training:)`` at sequence or epoch boundaries and before a batch of another size.
///
/// The carried state is deliberately **not** part of the model's exportable state: it depends
/// on the batch size and on where the data stream is, not on what was learned, so a
/// checkpoint holds only the weights, and a run restored from one starts its next batch from
/// zeros, exactly as after ``resetState(training:)``.
///
/// State names: `input/W` (`[features, 4·hidden]`), `recurrent/W` (`[hidden, 4·hidden]`),
/// `b` (`[4·hidden]`); the weights end in `/W`, so ``Loss/l2Regularization(_:weightDecay:filter:)``
/// regularises both by default.
public final class LSTM: Layer {
    /// The input weight `Wx`, `[inputSize, 4·hiddenSize]`.
    public let inputWeight: Parameter
    /// The recurrent weight `Wh`, `[hiddenSize, 4·hiddenSize]`.
    public let recurrentWeight: Parameter
    /// The bias `b`, `[4·hiddenSize]`.
    public let bias: Parameter
    /// Whether ``forward(_:context:)`` starts from and updates the carried state.
    public var carriesState: Bool
    /// The carried states of training and evaluation passes.
    private var carried: (training: LSTMState?, evaluation: LSTMState?) = (nil, nil)

    /// Features per time step.
    public var inputSize: Int { inputWeight.shape[0] }
    /// The size of `h` and `c`.
    public var hiddenSize: Int { recurrentWeight.shape[0] }

    /// Creates an LSTM layer.
    /// - Parameters:
    ///   - inputSize: Features per time step.
    ///   - hiddenSize: The size of the hidden and cell states.
    ///   - carriesState: Whether ``forward(_:context:)`` carries its final state to the next
    ///     call (truncated back-propagation across batches).
    ///   - initializer: How both weights are drawn.
    ///   - generator: The source of randomness.
    public init(inputSize: Int, hiddenSize: Int, carriesState: Bool = false, initializer: Initializer = .glorotUniform,
                generator: inout SeededGenerator) {
        precondition(inputSize > 0 && hiddenSize > 0, "LSTM: inputSize \(inputSize) and hiddenSize \(hiddenSize) must be positive")
        let gates = 4 * hiddenSize
        inputWeight = Parameter(initializer.make([inputSize, gates], fanIn: inputSize, fanOut: gates, generator: &generator))
        recurrentWeight = Parameter(initializer.make([hiddenSize, gates], fanIn: hiddenSize, fanOut: gates, generator: &generator))
        var biasValues = [Float](repeating: 0, count: gates)
        for index in hiddenSize..<(2 * hiddenSize) { biasValues[index] = 1 }
        bias = Parameter(Tensor(biasValues))
        self.carriesState = carriesState
    }

    /// Runs the sequence from `initialState` (zeros when `nil`).
    /// - Parameters:
    ///   - input: `[batch, time, inputSize]`, at least one time step.
    ///   - initialState: The state before the first step, `[batch, hiddenSize]` each.
    /// - Returns: Every step's hidden state, `[batch, time, hiddenSize]`, and the final state
    ///   (still on the graph; detach it to carry it across batches).
    public func callAsFunction(_ input: Tensor, initialState: LSTMState? = nil) -> (outputs: Tensor, state: LSTMState) {
        precondition(input.rank == 3 && input.shape[2] == inputSize && input.shape[1] > 0,
                     "LSTM: input \(input.shape) must be [batch, time ≥ 1, \(inputSize)]")
        let batch = input.shape[0], steps = input.shape[1], size = hiddenSize
        var state = initialState ?? .zeros(batchSize: batch, hiddenSize: size)
        precondition(state.hidden.shape == [batch, size],
                     "LSTM: initial state \(state.hidden.shape) does not match [\(batch), \(size)] for input \(input.shape)")
        // The input projection for every step in one product, then split by step (one shared
        // gradient node, so back-propagation stays linear in the sequence length).
        let projected = (Tensor.matmul(input, inputWeight.value) + bias.value)
            .split(sizes: [Int](repeating: 1, count: steps), alongAxis: 1)
        var outputs: [Tensor] = []
        outputs.reserveCapacity(steps)
        for step in 0..<steps {
            let gates = (projected[step].reshaped(to: [batch, 4 * size]) + Tensor.matmul(state.hidden, recurrentWeight.value))
                .split(sizes: [size, size, size, size], alongAxis: 1)
            let cell = gates[1].sigmoid() * state.cell + gates[0].sigmoid() * gates[2].tanh()
            state = LSTMState(hidden: gates[3].sigmoid() * cell.tanh(), cell: cell)
            outputs.append(state.hidden)
        }
        return (Tensor.stack(outputs, alongAxis: 1), state)
    }

    /// All hidden states, `[batch, time, hiddenSize]`, starting from zeros or, when
    /// ``carriesState`` is set, from the carried state of the context's mode.
    public func forward(_ input: Tensor, context: ForwardContext) -> Tensor {
        guard carriesState else { return self(input).outputs }
        let training = context.isTraining
        let start = carriedState(training: training)
        if let start, input.rank == 3, start.batchSize != input.shape[0] {
            preconditionFailure("LSTM: the carried state has batch size \(start.batchSize) but the input is \(input.shape); "
                + "call resetState(training: \(training)) before a batch of another size")
        }
        let (outputs, state) = self(input, initialState: start)
        if training { carried.training = state.detached() } else { carried.evaluation = state.detached() }
        return outputs
    }

    /// The detached final state of the last ``forward(_:context:)`` in that mode while
    /// ``carriesState`` is set; `nil` at the start and after a reset.
    /// - Parameter training: The mode (training or evaluation passes).
    public func carriedState(training: Bool) -> LSTMState? { training ? carried.training : carried.evaluation }

    /// Forgets a carried state: the next ``forward(_:context:)`` in that mode starts from zeros.
    /// - Parameter training: The mode to reset; `nil` (the default) resets both.
    public func resetState(training: Bool? = nil) {
        if training != false { carried.training = nil }
        if training != true { carried.evaluation = nil }
    }

    /// Reports `input/W`, `recurrent/W` and `b` (never the carried state).
    public func visitState(prefix: String, _ visit: (String, StateEntry) -> Void) {
        visit(prefix + "input/W", .parameter(inputWeight))
        visit(prefix + "recurrent/W", .parameter(recurrentWeight))
        visit(prefix + "b", .parameter(bias))
    }
}
