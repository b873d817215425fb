/// Summary statistics of one array's values (`loom inspect --values`), computed in
/// `Double`. Any `NaN` element makes every statistic `NaN`.
public struct ArraySummary: Sendable, Equatable {
    /// The smallest element.
    public var minimum: Double
    /// The largest element.
    public var maximum: Double
    /// The mean of the elements.
    public var mean: Double
    /// The Euclidean norm (square root of the sum of squares).
    public var l2Norm: Double

    /// Summarizes `values`; an empty array gives `NaN` for min, max and mean and 0 for the norm.
    public init(_ values: [Float]) {
        guard !values.isEmpty else {
            self.init(minimum: .nan, maximum: .nan, mean: .nan, l2Norm: 0)
            return
        }
        var low = Double.infinity, high = -Double.infinity, sum = 0.0, squares = 0.0, sawNaN = false
        for value in values {
            let element = Double(value)
            if element.isNaN { sawNaN = true }
            low = min(low, element)
            high = max(high, element)
            sum += element
            squares += element * element
        }
        if sawNaN {
            self.init(minimum: .nan, maximum: .nan, mean: .nan, l2Norm: .nan)
        } else {
            self.init(minimum: low, maximum: high, mean: sum / Double(values.count), l2Norm: squares.squareRoot())
        }
    }

    /// Creates a summary from its values.
    public init(minimum: Double, maximum: Double, mean: Double, l2Norm: Double) {
        self.minimum = minimum
        self.maximum = maximum
        self.mean = mean
        self.l2Norm = l2Norm
    }
}
