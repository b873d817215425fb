/// What went wrong between a `LoomNN` model, its data and the training core; each message
/// names what was expected and what was found.
public enum EngineError: Error, Equatable, CustomStringConvertible {
    /// A datapoint or batch does not have the `[image (float32), label (int32)]` layout.
    case batchLayout(expected: String, found: String)
    /// A batch's samples do not have as many values as the model's input shape.
    case inputSize(modelInput: [Int], sampleShape: [Int])
    /// A label outside `0..<classes`.
    case labelOutOfRange(label: Int, classes: Int)
    /// A requested output name the backend cannot produce.
    case unknownOutput(String, known: [String])
    /// A hyperparameter request the optimizer refused (the optimizer's message).
    case hyperparameter(String)
    /// State arrays that cannot be imported (the reason from the model or optimizer).
    case state(String)
    /// A model name the recipes do not know.
    case unknownModel(String, known: [String])
    /// A model that cannot take the data's sample shape.
    case unsupportedInput(String)
    /// The data flow yielded no batch.
    case emptyData(String)
    /// A cost function returned a cost that is not one finite number (the reason).
    case badCost(String)
    /// A requested output the cost function did not produce this step.
    case missingOutput(String, produced: [String])
    /// A batch whose component's sample shape differs from the first batch's, for a model
    /// that takes one sample shape only.
    case batchShapeChanged(component: Int, first: [Int], found: [Int])
    /// An optimizer parameter group that cannot be set up (the reason).
    case parameterGroup(String)

    /// A one-line message saying what to do.
    public var description: String {
        switch self {
        case let .batchLayout(expected, found):
            return "a training batch must be \(expected); found \(found) (check the data flow's components)"
        case let .inputSize(modelInput, sampleShape):
            return "samples of shape \(sampleShape) (\(sampleShape.reduce(1, *)) values) do not fit the model's input shape "
                + "\(modelInput) (\(modelInput.reduce(1, *)) values); build the model for the data's sample shape"
        case let .labelOutOfRange(label, classes):
            return "label \(label) is outside 0..<\(classes); the model was built for \(classes) classes"
        case let .unknownOutput(name, known):
            return "no step output named '\(name)'; known outputs: \(known.joined(separator: ", "))"
        case let .hyperparameter(message):
            return message
        case let .state(message):
            return "cannot import the model state: \(message)"
        case let .unknownModel(name, known):
            return "unknown model '\(name)'; known models: \(known.joined(separator: ", "))"
        case let .unsupportedInput(message):
            return message
        case let .emptyData(what):
            return "\(what) yielded no batch (is the data set smaller than one batch?)"
        case let .badCost(reason):
            return "the cost function's 'cost' \(reason)"
        case let .missingOutput(name, produced):
            return "the cost function did not produce the requested output '\(name)'; it produces: "
                + "\(produced.joined(separator: ", ")) (set it in the ModelOutputs it returns, or stop requesting it)"
        case let .batchShapeChanged(component, first, found):
            return "batch component \(component) has samples of shape \(found), but the first batch's were \(first); "
                + "the model takes one sample shape (pad or bucket the data, or pass sampleShapes: .variable if the model takes any)"
        case let .parameterGroup(reason):
            return "optimizer parameter groups: \(reason)"
        }
    }
}
