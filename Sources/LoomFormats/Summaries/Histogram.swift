/// A histogram summary of a tensor's values, in TensorBoard's `HistogramProto` layout.
///
/// `bucketLimits[i]` is the inclusive upper edge of bucket `i` (the lower edge is the
/// previous limit); `bucketCounts[i]` counts the values that fall into bucket `i`.
/// The counts add up to ``count``.
public struct Histogram: Sendable, Equatable {
    /// Smallest value.
    public var min: Double
    /// Largest value.
    public var max: Double
    /// Number of values.
    public var count: Double
    /// Sum of the values.
    public var sum: Double
    /// Sum of the squared values.
    public var sumSquares: Double
    /// Upper edge of each bucket, increasing.
    public var bucketLimits: [Double]
    /// Number of values in each bucket; same length as ``bucketLimits``.
    public var bucketCounts: [Double]

    /// Creates a histogram from already computed statistics and buckets.
    public init(min: Double, max: Double, count: Double, sum: Double, sumSquares: Double,
                bucketLimits: [Double], bucketCounts: [Double]) {
        self.min = min
        self.max = max
        self.count = count
        self.sum = sum
        self.sumSquares = sumSquares
        self.bucketLimits = bucketLimits
        self.bucketCounts = bucketCounts
    }
}
