/// An in-memory dataset: columns of equal length, one component per column.
///
/// Each column is a `DataComponent` whose leading dimension indexes samples (images of
/// shape `[n, 28, 28]`, labels of shape `[n]`); datapoint `i` holds row `i` of each column.
/// The readers (`MNIST`, `CIFAR10`, CSV, NumPy) return these.
public final class ArrayDataFlow: RandomAccessDataFlow {
    /// The columns; each has leading dimension `size`.
    public let columns: [DataComponent]
    /// The number of datapoints.
    public let size: Int

    /// Creates a flow from columns of equal length.
    /// - Parameter columns: At least one column; all with the same leading dimension.
    /// - Throws: `DataFlowError.invalidArgument` if a column is a scalar or lengths differ.
    public init(columns: [DataComponent]) throws {
        guard let first = columns.first else {
            throw DataFlowError.invalidArgument("ArrayDataFlow needs at least one column")
        }
        for (index, column) in columns.enumerated() {
            guard let rows = column.shape.first else {
                throw DataFlowError.invalidArgument("column \(index) is a scalar; columns need a leading sample dimension")
            }
            guard rows == first.shape.first else {
                throw DataFlowError.invalidArgument("column \(index) has \(rows) rows, column 0 has \(first.shape[0]); all columns need the same number of samples")
            }
        }
        self.columns = columns
        self.size = first.shape[0]
    }

    /// The number of datapoints of one pass (`size`).
    public var count: Int? { size }

    /// Nothing to prepare: the data is in memory.
    public func resetState() throws {}

    /// Iterates in index order.
    public func makeIterator() -> IndexedIterator<ArrayDataFlow> { IndexedIterator(flow: self) }

    /// Row `index` of every column.
    public func datapoint(at index: Int) throws -> Datapoint {
        guard index >= 0, index < size else {
            throw DataFlowError.invalidArgument("index \(index) is out of range 0..<\(size)")
        }
        return columns.map { $0.row(index) }
    }

    /// No generator: a fixed state.
    public var state: FlowState { FlowState(kind: "array") }

    /// Checks that the state belongs to an array flow.
    public func restore(_ state: FlowState) throws { try state.check(kind: "array", upstreamCount: 0) }
}
