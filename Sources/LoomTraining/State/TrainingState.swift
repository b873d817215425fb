/// Everything the training core needs to resume exactly (besides the backend's arrays):
/// the counters, every stateful callback's state, the monitors' stat history and the
/// backend's hyperparameters. A checkpoint stores it as JSON (it is `Codable`).
public struct TrainingState: Sendable, Equatable, Codable {
    /// The last finished epoch (resume starts at `epochNumber + 1`).
    public var epochNumber: Int
    /// Finished steps.
    public var globalStep: Int
    /// ``StatefulCallback/exportState()`` of each stateful callback, by ``StatefulCallback/stateKey``.
    public var callbacks: [String: StateValue]
    /// The ``Monitors`` history (``Monitors/exportState()``).
    public var monitors: StateValue
    /// The backend's hyperparameters by name (``TrainingBackend/hyperparameterNames``), as
    /// set when the state was taken: a resumed run starts with the values the stopped one
    /// had (a live `hyper.txt` edit, a plateau reduction), not the configured ones.
    public var hyperparameters: [String: Double]
    /// Steps already finished in the epoch after ``epochNumber`` when the state was taken
    /// in the middle of an epoch (0 at an epoch boundary): a resumed run continues that
    /// epoch from its next step.
    public var stepsIntoEpoch: Int

    /// Creates a training state.
    public init(epochNumber: Int, globalStep: Int, callbacks: [String: StateValue] = [:], monitors: StateValue = .null,
                hyperparameters: [String: Double] = [:], stepsIntoEpoch: Int = 0) {
        self.stepsIntoEpoch = stepsIntoEpoch
        self.epochNumber = epochNumber
        self.globalStep = globalStep
        self.callbacks = callbacks
        self.monitors = monitors
        self.hyperparameters = hyperparameters
    }

    private enum CodingKeys: String, CodingKey { case epochNumber, globalStep, callbacks, monitors, hyperparameters, stepsIntoEpoch }

    /// Decodes a state; `hyperparameters` may be absent (states written before it existed).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        epochNumber = try container.decode(Int.self, forKey: .epochNumber)
        globalStep = try container.decode(Int.self, forKey: .globalStep)
        callbacks = try container.decode([String: StateValue].self, forKey: .callbacks)
        monitors = try container.decode(StateValue.self, forKey: .monitors)
        hyperparameters = try container.decodeIfPresent([String: Double].self, forKey: .hyperparameters) ?? [:]
        stepsIntoEpoch = try container.decodeIfPresent(Int.self, forKey: .stepsIntoEpoch) ?? 0
    }
}
