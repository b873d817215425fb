/// Errors raised while building or iterating a pipeline.
public enum DataFlowError: Error, Equatable, CustomStringConvertible {
    /// A batch mixed components of different shapes or types.
    case batchMismatch(component: Int, expected: String, found: String)
    /// A datapoint had a different number of components than the first of its batch.
    case componentCount(expected: Int, found: Int)
    /// A component index was out of range for a datapoint.
    case componentIndex(index: Int, count: Int)
    /// A saved `FlowState` or `DataPosition` does not fit this pipeline.
    case stateMismatch(expected: String, found: String)
    /// A flow that must yield data yielded none.
    case empty(flow: String)
    /// A parameter was invalid (e.g. batch size 0).
    case invalidArgument(String)
    /// Flows joined side by side had different sizes.
    case sizeMismatch(expected: Int, found: Int)

    /// A message that says what went wrong and what to do.
    public var description: String {
        switch self {
        case let .batchMismatch(component, expected, found):
            return "cannot batch component \(component): expected \(expected), found \(found); every datapoint of a batch needs the same shape and type (resize or pad in a MapData before BatchData)"
        case let .componentCount(expected, found):
            return "datapoint has \(found) components, expected \(expected) like the first datapoint of the batch"
        case let .componentIndex(index, count):
            return "component index \(index) is out of range for a datapoint with \(count) components"
        case let .stateMismatch(expected, found):
            return "saved data position does not fit this pipeline: expected \(expected), found \(found); resume with the pipeline that wrote it"
        case let .empty(flow):
            return "\(flow) yielded no datapoints; check that the dataset is not empty"
        case let .invalidArgument(message):
            return message
        case let .sizeMismatch(expected, found):
            return "joined flows differ in size: expected \(expected) datapoints, found \(found)"
        }
    }
}
