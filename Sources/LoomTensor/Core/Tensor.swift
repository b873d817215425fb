/// An n-dimensional array of `Float` values with reverse-mode automatic differentiation.
///
/// `Tensor` is a value type with copy-on-write storage: copies share one contiguous
/// row-major buffer until one of them is written. Operations return new tensors; the
/// in-place operators (`+=`, `-=`, `*=`, `/=`) and ``withUnsafeMutableBufferPointer(_:)``
/// write through copy-on-write and are never recorded for differentiation, which makes
/// them the right tool for optimizer updates.
///
/// Differentiation: a tensor made by ``requiringGradient()`` is a trainable leaf. Any
/// operation with such an input (while recording is enabled, see ``withoutGradients(_:)``)
/// returns a tensor carrying a graph node (its parents and one pullback). ``backward()``
/// on a scalar result runs the pullbacks in reverse topological order and adds each leaf's
/// gradient into ``grad``; call ``zeroGradient()`` before the next step. Copies of a leaf
/// share its gradient (they are the same parameter).
///
/// Bad input: shape mismatches, out-of-range axes and similar mistakes are programmer
/// errors. They stop the program with a `precondition` whose message names the operation
/// and the shapes, e.g. `matmul: [2, 3] and [4, 5]: inner dimensions 3 and 4 differ`.
/// The messages come from throwing validators (``ShapeError``) that tests call directly.
/// Numeric edge cases are not errors: they follow IEEE 754 (`log(0) = -inf`, `0/0 = nan`)
/// unless an operation documents otherwise.
public struct Tensor: Sendable {
    /// The size of each dimension; `[]` for a scalar.
    public private(set) var shape: [Int]
    /// The contiguous row-major values.
    var storage: TensorStorage
    /// The graph node when this tensor requires a gradient; `nil` otherwise.
    var node: GraphNode?

    /// Wraps existing storage (internal: kernels fill fresh storage then wrap it).
    init(shape: [Int], storage: TensorStorage, node: GraphNode? = nil) {
        assert(Shape.count(shape) == storage.count, "Tensor: shape \(shape) does not match \(storage.count) values")
        self.shape = shape
        self.storage = storage
        self.node = node
    }

    /// A tensor with undefined contents, to be filled by a kernel before it is shared.
    static func uninitialized(_ shape: [Int]) -> Tensor {
        Tensor(shape: shape, storage: TensorStorage(uninitializedCount: Shape.count(shape)))
    }

    /// Creates a tensor from values in row-major order.
    /// - Parameters:
    ///   - shape: The size of each dimension (no negative sizes).
    ///   - scalars: Exactly `shape.reduce(1, *)` values.
    public init(shape: [Int], scalars: [Float]) {
        check { () throws(ShapeError) in try Tensor.validate(shape: shape, count: scalars.count) }
        self.init(shape: shape, storage: scalars.withUnsafeBufferPointer { TensorStorage(copying: $0) })
    }

    /// Creates a rank-1 tensor from values.
    public init(_ scalars: [Float]) {
        self.init(shape: [scalars.count], scalars: scalars)
    }

    /// Creates a scalar (rank-0) tensor.
    public init(_ scalar: Float) {
        self.init(shape: [], storage: TensorStorage(repeating: scalar, count: 1))
    }

    /// Creates a tensor whose elements all equal `value`.
    /// - Parameters:
    ///   - value: The element value.
    ///   - shape: The size of each dimension.
    public init(repeating value: Float, shape: [Int]) {
        check { () throws(ShapeError) in try Tensor.validate(shape: shape, count: nil) }
        self.init(shape: shape, storage: TensorStorage(repeating: value, count: Shape.count(shape)))
    }

    /// Creates a tensor of zeros.
    public init(zeros shape: [Int]) { self.init(repeating: 0, shape: shape) }

    /// Creates a tensor of ones.
    public init(ones shape: [Int]) { self.init(repeating: 1, shape: shape) }

    /// Checks that a shape has no negative sizes and, when given, matches a value count.
    /// - Throws: `ShapeError` naming the shape and the count.
    public static func validate(shape: [Int], count: Int?) throws(ShapeError) {
        guard shape.allSatisfy({ $0 >= 0 }) else { throw ShapeError(op: "Tensor", "shape \(shape) has a negative dimension") }
        if let count, Shape.count(shape) != count {
            throw ShapeError(op: "Tensor", "shape \(shape) needs \(Shape.count(shape)) values but \(count) were given")
        }
    }

    /// The number of dimensions.
    public var rank: Int { shape.count }

    /// The number of elements.
    public var scalarCount: Int { storage.count }

    /// The elements in row-major order.
    public var scalars: [Float] { Array(storage.buffer) }

    /// The only element of a tensor with exactly one element.
    public var scalar: Float {
        precondition(storage.count == 1, "scalar: tensor of shape \(shape) has \(storage.count) elements, not 1")
        return storage.pointer[0]
    }

    /// The element at a multi-dimensional index.
    /// - Parameter indices: One index per dimension.
    public subscript(_ indices: Int...) -> Float {
        precondition(indices.count == rank, "subscript: \(indices.count) indices for shape \(shape)")
        var offset = 0
        for (axis, index) in indices.enumerated() {
            precondition(index >= 0 && index < shape[axis], "subscript: index \(indices) out of range for shape \(shape)")
            offset = offset &* shape[axis] &+ index
        }
        return storage.pointer[offset]
    }

    /// Calls `body` with the contiguous row-major elements.
    public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Float>) throws -> R) rethrows -> R {
        try body(storage.buffer)
    }

    /// Calls `body` with writable elements, copying the storage first if it is shared.
    ///
    /// The write is not recorded for differentiation; a leaf keeps its identity and gradient.
    public mutating func withUnsafeMutableBufferPointer<R>(_ body: (UnsafeMutableBufferPointer<Float>) throws -> R) rethrows -> R {
        makeUnique()
        return try body(storage.mutableBuffer)
    }

    /// Copies the storage if another tensor shares it.
    mutating func makeUnique() {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
    }
}

extension Tensor: CustomStringConvertible {
    /// A short description: the shape and up to 8 values.
    public var description: String {
        let shown = storage.buffer.prefix(8).map { "\($0)" }.joined(separator: ", ")
        return "Tensor(shape: \(shape), [\(shown)\(storage.count > 8 ? ", …" : "")])"
    }
}
