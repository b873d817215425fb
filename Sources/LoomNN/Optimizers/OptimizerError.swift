/// A hyperparameter request an ``Optimizer`` cannot honour.
public enum OptimizerError: Error, Equatable, CustomStringConvertible {
    /// The optimizer has no hyperparameter of that name.
    case unknownHyperparameter(String, known: [String])
    /// The value is not allowed for that hyperparameter.
    case invalidValue(String, Double, reason: String)

    /// A message naming what was asked and what exists.
    public var description: String {
        switch self {
        case let .unknownHyperparameter(name, known):
            return "optimizer has no hyperparameter '\(name)'; known: \(known.joined(separator: ", "))"
        case let .invalidValue(name, value, reason):
            return "hyperparameter '\(name)' cannot be \(value): \(reason)"
        }
    }
}
