/// One component of a datapoint or of a batch: a contiguous array with a shape.
///
/// A datapoint is a list of components (for example `[image, label]`). A component stores
/// its values contiguously in C (row-major) order, so a bridge can hand `values` to a
/// tensor without copying element by element. A scalar has shape `[]` and one value.
/// `BatchData` stacks components along a new leading dimension: a batch of 64 images of
/// shape `[28, 28]` is `.floats(shape: [64, 28, 28], values: …)`.
public enum DataComponent: Sendable, Equatable {
    /// 32-bit floating-point values (images, features, regression targets).
    case floats(shape: [Int], values: [Float])
    /// 32-bit integer values (class labels, indices).
    case ints(shape: [Int], values: [Int32])

    /// The shape (dimensions, outermost first).
    public var shape: [Int] {
        switch self {
        case let .floats(shape, _), let .ints(shape, _): return shape
        }
    }

    /// The number of scalar values.
    public var scalarCount: Int {
        switch self {
        case let .floats(_, values): return values.count
        case let .ints(_, values): return values.count
        }
    }

    /// The float values, or nil for an integer component.
    public var floatValues: [Float]? {
        if case let .floats(_, values) = self { return values }
        return nil
    }

    /// The integer values, or nil for a float component.
    public var intValues: [Int32]? {
        if case let .ints(_, values) = self { return values }
        return nil
    }

    /// A short name of the element type, used in error messages ("float32" or "int32").
    public var typeName: String {
        switch self {
        case .floats: return "float32"
        case .ints: return "int32"
        }
    }

    /// A scalar integer component (for example a class label).
    /// - Parameter value: The label.
    /// - Returns: `.ints(shape: [], values: [value])`.
    public static func label(_ value: Int32) -> DataComponent {
        .ints(shape: [], values: [value])
    }

    /// Row `index` of a component whose leading dimension indexes samples.
    ///
    /// - Parameter index: The sample index, in `0..<shape[0]`.
    /// - Returns: A component of shape `shape.dropFirst()`.
    public func row(_ index: Int) -> DataComponent {
        let rowShape = Array(shape.dropFirst())
        let width = rowShape.reduce(1, *)
        let range = (index * width)..<((index + 1) * width)
        switch self {
        case let .floats(_, values): return .floats(shape: rowShape, values: Array(values[range]))
        case let .ints(_, values): return .ints(shape: rowShape, values: Array(values[range]))
        }
    }
}

/// A datapoint: the components of one sample, e.g. `[image, label]`.
public typealias Datapoint = [DataComponent]
