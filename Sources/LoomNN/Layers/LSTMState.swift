import LoomTensor

/// The recurrent state of an ``LSTM``: the hidden output `h` and the cell `c`, each
/// `[batch, hiddenSize]`.
public struct LSTMState: Sendable {
    /// The hidden state `h` (the last output), `[batch, hiddenSize]`.
    public var hidden: Tensor
    /// The cell state `c`, `[batch, hiddenSize]`.
    public var cell: Tensor

    /// Creates a state.
    /// - Parameters:
    ///   - hidden: `h`, `[batch, hiddenSize]`.
    ///   - cell: `c`, the same shape.
    public init(hidden: Tensor, cell: Tensor) {
        precondition(hidden.rank == 2 && hidden.shape == cell.shape,
                     "LSTMState: hidden \(hidden.shape) and cell \(cell.shape) must both be [batch, hiddenSize]")
        self.hidden = hidden
        self.cell = cell
    }

    /// The all-zero state (the default start of a sequence).
    /// - Parameters:
    ///   - batchSize: Sequences in the batch.
    ///   - hiddenSize: The layer's hidden size.
    public static func zeros(batchSize: Int, hiddenSize: Int) -> LSTMState {
        LSTMState(hidden: Tensor(zeros: [batchSize, hiddenSize]), cell: Tensor(zeros: [batchSize, hiddenSize]))
    }

    /// The same values cut from the graph: gradients stop here. Carrying a detached final
    /// state into the next batch is truncated back-propagation through time.
    public func detached() -> LSTMState {
        LSTMState(hidden: hidden.detached(), cell: cell.detached())
    }

    /// The batch size.
    public var batchSize: Int { hidden.shape[0] }
}
