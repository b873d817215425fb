/// A named, shaped array of `Float` values: the unit in which a backend exports and
/// imports its state (model variables, optimizer moments) and in which checkpoints
/// store it. Plain Swift values cross the boundary between the training core and a
/// tensor engine, never tensors (docs/Architecture.md section 1).
public struct NamedArray: Sendable, Equatable {
    /// Hierarchical name, e.g. `conv1/W` or `optimizer/conv1/W/momentum`.
    public var name: String
    /// Dimensions; `[]` is a scalar.
    public var shape: [Int]
    /// Row-major values; `values.count` is the product of `shape`.
    public var values: [Float]

    /// Creates a named array.
    /// - Precondition: `values.count` equals the product of `shape`.
    public init(name: String, shape: [Int], values: [Float]) {
        precondition(values.count == shape.reduce(1, *),
                     "NamedArray '\(name)': \(values.count) values do not fill shape \(shape)")
        self.name = name
        self.shape = shape
        self.values = values
    }
}
