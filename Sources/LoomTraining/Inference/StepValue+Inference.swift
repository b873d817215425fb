extension StepValue {
    /// The number of values: 1 for a scalar.
    var valueCount: Int {
        switch self {
        case .scalar: return 1
        case let .array(_, values): return values.count
        }
    }

    /// The sum of the values in order, in `Double` (exact for counts of 0/1 values).
    func sumOfValues() -> Double {
        switch self {
        case let .scalar(value): return value
        case let .array(_, values):
            var total = 0.0
            for value in values { total += Double(value) }
            return total
        }
    }

    /// The values as a flat list (an array's storage is shared, not copied).
    var floatValues: [Float] {
        switch self {
        case let .scalar(value): return [Float(value)]
        case let .array(_, values): return values
        }
    }

    /// The shape: `[]` for a scalar.
    var shape: [Int] {
        switch self {
        case .scalar: return []
        case let .array(shape, _): return shape
        }
    }
}
