/// A shape or argument error detected by a tensor operation.
///
/// Tensor operations treat bad shapes and axes as programmer errors: they stop with a
/// `precondition` whose message is this error's `description`. The validation helpers that
/// produce it also throw it, so tests can check the exact message without crashing.
public struct ShapeError: Error, Equatable, CustomStringConvertible {
    /// The full message, naming the operation and the shapes involved.
    public var message: String

    /// Creates an error with a message naming the operation.
    /// - Parameters:
    ///   - op: The operation, e.g. `"matmul"`.
    ///   - detail: What is wrong, with the shapes.
    public init(op: String, _ detail: String) { message = "\(op): \(detail)" }

    /// The message.
    public var description: String { message }
}

/// Runs a throwing validation and stops the program with its message when it fails.
@inline(__always)
func check(_ validation: () throws(ShapeError) -> Void) {
    do { try validation() } catch { preconditionFailure(error.message) }
}

/// Runs a throwing validation that returns a value, stopping with its message on failure.
@inline(__always)
func check<T>(_ validation: () throws(ShapeError) -> T) -> T {
    do { return try validation() } catch { preconditionFailure(error.message) }
}

/// Shape utilities shared by the operations.
enum Shape {
    /// Number of elements of `shape` (1 for a scalar shape `[]`).
    @inline(__always)
    static func count(_ shape: [Int]) -> Int { shape.reduce(1, &*) }

    /// Row-major strides of `shape`.
    static func strides(_ shape: [Int]) -> [Int] {
        var strides = [Int](repeating: 1, count: shape.count)
        var running = 1
        for axis in stride(from: shape.count - 1, through: 0, by: -1) {
            strides[axis] = running
            running &*= shape[axis]
        }
        return strides
    }

    /// Resolves a possibly negative axis against `rank`.
    /// - Throws: `ShapeError` when the axis is out of range.
    static func axis(_ axis: Int, rank: Int, op: String) throws(ShapeError) -> Int {
        let resolved = axis < 0 ? axis + rank : axis
        guard resolved >= 0, resolved < rank else {
            throw ShapeError(op: op, "axis \(axis) is out of range for rank \(rank)")
        }
        return resolved
    }

    /// Resolves a list of axes (negative allowed), sorted and without duplicates.
    /// - Throws: `ShapeError` when an axis is out of range or repeated.
    static func axes(_ axes: [Int], rank: Int, op: String) throws(ShapeError) -> [Int] {
        var result: [Int] = []
        for axis in axes {
            let resolved = try Shape.axis(axis, rank: rank, op: op)
            guard !result.contains(resolved) else { throw ShapeError(op: op, "axis \(axis) is repeated in \(axes)") }
            result.append(resolved)
        }
        return result.sorted()
    }

    /// The NumPy broadcast of two shapes.
    /// - Throws: `ShapeError` naming both shapes when they are incompatible.
    static func broadcast(_ a: [Int], _ b: [Int], op: String) throws(ShapeError) -> [Int] {
        let rank = Swift.max(a.count, b.count)
        var result = [Int](repeating: 1, count: rank)
        for index in 0..<rank {
            let da = index < rank - a.count ? 1 : a[index - (rank - a.count)]
            let db = index < rank - b.count ? 1 : b[index - (rank - b.count)]
            if da == db || db == 1 { result[index] = da } else if da == 1 { result[index] = db } else {
                throw ShapeError(op: op, "\(a) and \(b) cannot be broadcast (dimension \(index): \(da) vs \(db))")
            }
        }
        return result
    }
}
