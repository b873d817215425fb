extension Histogram {
    /// TensorFlow's default bucket edges: `0`, `±1e-12 × 1.1^k` for every `k` below
    /// `1e20`, and `±Double.greatestFiniteMagnitude` (1,551 edges in increasing order).
    /// Computed by repeated multiplication, exactly as TensorFlow's `InitDefaultBuckets`.
    public static let defaultBucketLimits: [Double] = {
        var positive: [Double] = []
        var value = 1.0e-12
        while value < 1.0e20 {
            positive.append(value)
            value *= 1.1
        }
        positive.append(.greatestFiniteMagnitude)
        return positive.reversed().map { -$0 } + [0] + positive
    }()

    /// Builds a histogram of `values` with TensorBoard's default exponential buckets.
    ///
    /// A value `v` falls into the first bucket whose limit is greater than `v` (the
    /// previous limit is the inclusive lower edge), as in TensorFlow. Runs of empty
    /// buckets are merged into one empty bucket that keeps the run's right edge, which
    /// is what TensorFlow's histogram summary writes. Non-finite values (NaN, ±infinity)
    /// are left out of every statistic, as TensorBoard cannot show them. With no finite
    /// values, min and max are 0 and there is one empty bucket ending at the largest double.
    /// - Parameter values: the values, e.g. a layer's weights.
    public init(values: [Float]) {
        self = values.withUnsafeBufferPointer { Histogram.counting($0.lazy.map(Double.init)) }
    }

    /// Builds a histogram of `values` with TensorBoard's default exponential buckets.
    /// See ``init(values:)-([Float])`` for the bucketing rules.
    public init(values: [Double]) {
        self = values.withUnsafeBufferPointer { Histogram.counting($0) }
    }

    /// The bits of a double below its search key: the key is the sign, the exponent and
    /// the top 3 mantissa bits, so one key spans a factor below 2^(1/8) < 1.1 and holds
    /// at most two default edges.
    private static let searchKeyShift: UInt64 = 49

    /// For every search key, the index of the first default edge greater than the
    /// smallest double with that key (clamped to the last edge): where the upper_bound
    /// search of any value with that key starts.
    private static let bucketSearchStarts: [Int16] = {
        let edges = defaultBucketLimits
        let lowBits: UInt64 = (1 << searchKeyShift) - 1
        return (0..<(1 << (64 - Int(searchKeyShift)))).map { key in
            let bits = UInt64(key) << searchKeyShift
            // The smallest value of a key: the least magnitude when positive, the most when negative.
            let smallest = Double(bitPattern: key >> (63 - Int(searchKeyShift)) == 0 ? bits : bits | lowBits)
            guard smallest.isFinite else { return Int16(edges.count - 1) }
            var low = 0, high = edges.count
            while low < high {
                let middle = (low + high) / 2
                if edges[middle] <= smallest { low = middle + 1 } else { high = middle }
            }
            return Int16(Swift.min(low, edges.count - 1))
        }
    }()

    private static func counting<S: Sequence>(_ values: S) -> Histogram where S.Element == Double {
        let limits = defaultBucketLimits
        var counts = [Double](repeating: 0, count: limits.count)
        var low = Double.infinity, high = -Double.infinity
        var count = 0.0, sum = 0.0, sumSquares = 0.0
        let starts = bucketSearchStarts
        limits.withUnsafeBufferPointer { edges in
            counts.withUnsafeMutableBufferPointer { buckets in
                for value in values where value.isFinite {
                    if value < low { low = value }
                    if value > high { high = value }
                    count += 1
                    sum += value
                    sumSquares += value * value
                    // upper_bound (first edge strictly greater than value): start at the
                    // table's answer for the value's top 15 bits and step over the at most
                    // two edges inside that range.
                    var first = Int(starts[Int(truncatingIfNeeded: value.bitPattern >> searchKeyShift)])
                    while first < edges.count - 1, edges[first] <= value { first &+= 1 }
                    buckets[first] += 1
                }
            }
        }
        var bucketLimits: [Double] = []
        var bucketCounts: [Double] = []
        var index = 0
        while index < counts.count {
            var end = limits[index]
            var bucket = counts[index]
            index += 1
            if bucket <= 0 {
                while index < counts.count, counts[index] <= 0 {
                    end = limits[index]
                    bucket = counts[index]
                    index += 1
                }
            }
            bucketLimits.append(end)
            bucketCounts.append(bucket)
        }
        if count == 0 {
            return Histogram(min: 0, max: 0, count: 0, sum: 0, sumSquares: 0,
                             bucketLimits: [.greatestFiniteMagnitude], bucketCounts: [0])
        }
        return Histogram(min: low, max: high, count: count, sum: sum, sumSquares: sumSquares,
                         bucketLimits: bucketLimits, bucketCounts: bucketCounts)
    }
}
