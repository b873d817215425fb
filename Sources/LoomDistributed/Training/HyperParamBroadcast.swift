import LoomTraining

/// Keeps backend hyperparameters identical on every rank when only rank 0 can change them
/// (a ``LoomTraining/HumanHyperParamSetter`` reads `hyper.txt` in rank 0's log directory):
/// in `beforeTrain` and at every trigger (every epoch by default, as the human setter) rank
/// 0's current values are broadcast and every other rank sets them on its backend. Register
/// it after the setters it follows, on every rank; every rank calls the same collective at
/// the same event, so it cannot deadlock.
///
/// ```swift
/// callbacks += [HumanHyperParamSetter(.learningRate), HyperParamBroadcast([HyperParam.learningRate.name], communicator: communicator)]
/// ```
public final class HyperParamBroadcast: Callback {
    /// The backend hyperparameters sent from rank 0.
    public let names: [String]
    /// The job's group.
    public let communicator: any Communicator
    private var hyperparameters: Hyperparameters?

    /// Creates the callback.
    /// - Parameters:
    ///   - names: Backend hyperparameter names (e.g. `learning_rate`).
    ///   - communicator: The job's group.
    public init(_ names: [String], communicator: any Communicator) {
        self.names = names
        self.communicator = communicator
    }

    public var name: String { "HyperParamBroadcast(\(names.joined(separator: ", ")))" }
    public var chiefOnly: Bool { false }
    public var stepEvents: StepEvents { [] }

    public func setUp(_ context: TrainerContext) throws {
        for name in names { try context.hyperparameters.check(name) }
        hyperparameters = context.hyperparameters
    }

    public func beforeTrain() throws { try synchronize() }

    public func trigger() throws { try synchronize() }

    /// Sends rank 0's values; the other ranks set them on their backends.
    /// - Throws: a transport error, or the backend's error setting a value.
    public func synchronize() throws {
        guard let hyperparameters, communicator.size > 1 else { return }
        var values = try names.map { try hyperparameters.value($0) }
        try communicator.broadcast(&values, root: 0)
        guard !communicator.isChief else { return }
        for (name, value) in zip(names, values) where try hyperparameters.value(name) != value {
            try hyperparameters.set(name, to: value)
        }
    }
}
