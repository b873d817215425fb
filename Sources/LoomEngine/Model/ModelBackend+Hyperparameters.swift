import LoomNN
import LoomTraining

extension ModelBackend {
    /// The optimizers' hyperparameter names: `learning_rate`, … with one group;
    /// `<group>/learning_rate`, … with several.
    public var hyperparameterNames: [String] {
        guard groups.count > 1 else { return optimizer.hyperparameterNames }
        return groups.flatMap { group in group.optimizer.hyperparameterNames.map { "\(group.name)/\($0)" } }
    }

    /// The current value of hyperparameter `name`.
    /// - Throws: ``EngineError/hyperparameter(_:)`` naming the known hyperparameters.
    public func hyperparameter(_ name: String) throws -> Double {
        let (optimizer, local) = try resolve(name)
        do { return try optimizer.hyperparameter(local) } catch { throw EngineError.hyperparameter(error.description) }
    }

    /// Sets hyperparameter `name`; the next step uses it.
    /// - Throws: ``EngineError/hyperparameter(_:)`` for an unknown name or a bad value.
    public func setHyperparameter(_ name: String, to value: Double) throws {
        let (optimizer, local) = try resolve(name)
        do { try optimizer.setHyperparameter(local, value) } catch { throw EngineError.hyperparameter(error.description) }
    }

    private func resolve(_ name: String) throws -> (Optimizer, String) {
        guard groups.count > 1 else { return (optimizer, name) }
        for group in groups where name.hasPrefix(group.name + "/") {
            return (group.optimizer, String(name.dropFirst(group.name.count + 1)))
        }
        throw EngineError.hyperparameter("unknown hyperparameter '\(name)'; known: \(hyperparameterNames.joined(separator: ", "))")
    }
}
