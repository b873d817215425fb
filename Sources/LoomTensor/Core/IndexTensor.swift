/// An n-dimensional array of integer indices: class labels, gather indices, argmax and
/// top-k results.
public struct IndexTensor: Sendable, Equatable {
    /// The size of each dimension.
    public var shape: [Int]
    /// The indices in row-major order.
    public var indices: [Int]

    /// Creates an index tensor.
    /// - Parameters:
    ///   - shape: The size of each dimension.
    ///   - indices: Exactly `shape.reduce(1, *)` indices.
    public init(shape: [Int], indices: [Int]) {
        check { () throws(ShapeError) in try Tensor.validate(shape: shape, count: indices.count) }
        self.shape = shape
        self.indices = indices
    }

    /// Creates a rank-1 index tensor (e.g. a batch of class labels).
    public init(_ indices: [Int]) {
        self.init(shape: [indices.count], indices: indices)
    }

    /// The number of dimensions.
    public var rank: Int { shape.count }

    /// The indices as float values (e.g. to log predicted classes).
    public var asTensor: Tensor { Tensor(shape: shape, scalars: indices.map { Float($0) }) }
}
