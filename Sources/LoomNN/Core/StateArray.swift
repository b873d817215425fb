/// A named flat array with a shape: the form in which model and optimizer state crosses
/// into checkpoints and the training core.
public struct StateArray: Sendable, Equatable {
    /// The hierarchical name, e.g. `conv1/W` or `optimizer/conv1/W/m`.
    public var name: String
    /// The shape (`[]` for a scalar).
    public var shape: [Int]
    /// The values in row-major order.
    public var values: [Float]

    /// Creates a state array.
    /// - Parameters:
    ///   - name: The hierarchical name.
    ///   - shape: The shape.
    ///   - values: `shape.reduce(1, *)` values.
    public init(name: String, shape: [Int], values: [Float]) {
        self.name = name
        self.shape = shape
        self.values = values
    }
}
