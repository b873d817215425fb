/// Everything the training core needs to resume exactly (besides the backend's arrays):
/// the counters, every stateful callback's state, and the monitors' stat history. A
/// checkpoint stores it as JSON (it is `Codable`).
public struct TrainingState: Sendable, Equatable, Codable {
    /// The last finished epoch (resume starts at `epochNumber + 1`).
    public var epochNumber: Int
    /// Finished steps.
    public var globalStep: Int
    /// ``StatefulCallback/exportState()`` of each stateful callback, by ``StatefulCallback/stateKey``.
    public var callbacks: [String: StateValue]
    /// The ``Monitors`` history (``Monitors/exportState()``).
    public var monitors: StateValue

    /// Creates a training state.
    public init(epochNumber: Int, globalStep: Int, callbacks: [String: StateValue] = [:], monitors: StateValue = .null) {
        self.epochNumber = epochNumber
        self.globalStep = globalStep
        self.callbacks = callbacks
        self.monitors = monitors
    }
}
