/// Named hyperparameters of the backend (e.g. `learning_rate`), for setters and
/// schedules. Unknown names are errors listing the known ones.
public final class Hyperparameters {
    private unowned let backend: any TrainingBackend

    /// Wraps `backend`'s hyperparameters.
    public init(backend: any TrainingBackend) { self.backend = backend }

    /// The names that can be read and set.
    public var names: [String] { backend.hyperparameterNames }

    /// The current value of `name`.
    /// - Throws: ``TrainerError/unknownHyperparameter(name:known:suggestion:)``.
    public func value(_ name: String) throws -> Double {
        try check(name)
        return try backend.hyperparameter(name)
    }

    /// Sets `name` to `value`; the next step uses it.
    /// - Throws: ``TrainerError/unknownHyperparameter(name:known:suggestion:)`` or the backend's error.
    public func set(_ name: String, to value: Double) throws {
        try check(name)
        try backend.setHyperparameter(name, to: value)
    }

    /// Throws unless `name` is a known hyperparameter.
    public func check(_ name: String) throws {
        let known = names
        guard known.contains(name) else {
            throw TrainerError.unknownHyperparameter(name: name, known: known,
                                                     suggestion: NameSuggestion.closest(to: name, in: known))
        }
    }
}
