/// Why a model-zoo builder cannot build a model for the requested input.
public enum ZooError: Error, Equatable, CustomStringConvertible {
    /// The input shape does not suit the model.
    case unsupportedInput(model: String, shape: [Int], reason: String)

    /// A message naming the model, the shape and what it needs.
    public var description: String {
        switch self {
        case let .unsupportedInput(model, shape, reason): return "\(model) cannot take input shape \(shape): \(reason)"
        }
    }
}
