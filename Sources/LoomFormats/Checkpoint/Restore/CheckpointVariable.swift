/// A variable a model expects to receive from a checkpoint: its name and shape.
public struct CheckpointVariable: Sendable, Equatable {
    /// The model's name for the variable, e.g. `conv1/W`.
    public var name: String
    /// The shape the model expects.
    public var shape: [Int]

    /// Creates a variable description.
    public init(name: String, shape: [Int]) {
        self.name = name
        self.shape = shape
    }

    /// The name and shape of an exported array (e.g. the backend's current state).
    public init(_ array: NamedArray) {
        self.init(name: array.name, shape: array.shape)
    }
}
