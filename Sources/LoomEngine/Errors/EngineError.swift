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
        }
    }
}
