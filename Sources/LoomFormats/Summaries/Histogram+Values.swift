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
        self = values.withUnsafeBufferPointer { Histogram(values: $0) }
    }

    /// Builds a histogram of the floats in `values` (for example a tensor's storage, read
    /// in place). See ``init(values:)-([Float])`` for the bucketing rules.
    public init(values: UnsafeBufferPointer<Float>) {
        self = Histogram.counting(values, starts: Histogram.floatSearchStarts) {
            (Double($0), Int(truncatingIfNeeded: $0.bitPattern >> Histogram.floatSearchKeyShift))
        }
    }

    /// Builds a histogram of `values` with TensorBoard's default exponential buckets.
    /// See ``init(values:)-([Float])`` for the bucketing rules.
    public init(values: [Double]) {
        self = values.withUnsafeBufferPointer { values in
            Histogram.counting(values, starts: Histogram.doubleSearchStarts) {
                ($0, Int(truncatingIfNeeded: $0.bitPattern >> Histogram.doubleSearchKeyShift))
            }
        }
    }

    /// The bits of a double below its search key: the key is the sign, the exponent and
    /// the top 3 mantissa bits, so one key spans a factor below 2^(1/8) < 1.1 and holds
    /// at most one default edge beyond the key's smallest value.
    private static let doubleSearchKeyShift: UInt64 = 49
    /// The same for a float: sign, exponent and the top 3 mantissa bits (4,096 keys).
    private static let floatSearchKeyShift: UInt32 = 20

    /// For every double search key, the index of the first default edge greater than the
    /// smallest double with that key (clamped to the last edge): where the upper_bound
    /// search of any value with that key starts.
    private static let doubleSearchStarts: [Int16] = searchStarts(keyBits: 64 - Int(doubleSearchKeyShift)) { key in
        let bits = UInt64(key) << doubleSearchKeyShift
        let lowBits: UInt64 = (1 << doubleSearchKeyShift) - 1
        return Double(bitPattern: key >> (63 - Int(doubleSearchKeyShift)) == 0 ? bits : bits | lowBits)
    }

    /// ``doubleSearchStarts`` for float keys.
    private static let floatSearchStarts: [Int16] = searchStarts(keyBits: 32 - Int(floatSearchKeyShift)) { key in
        let bits = UInt32(key) << floatSearchKeyShift
        let lowBits: UInt32 = (1 << floatSearchKeyShift) - 1
        return Double(Float(bitPattern: key >> (31 - Int(floatSearchKeyShift)) == 0 ? bits : bits | lowBits))
    }

    /// For each of the `2^keyBits` keys, the first edge greater than `smallest(key)` (the
    /// least value with that key: the least magnitude when positive, the most when negative).
    private static func searchStarts(keyBits: Int, smallest: (Int) -> Double) -> [Int16] {
        let edges = defaultBucketLimits
        return (0..<(1 << keyBits)).map { key in
            let value = smallest(key)
            guard value.isFinite else { return Int16(edges.count - 1) }
            var low = 0, high = edges.count
            while low < high {
                let middle = (low + high) / 2
                if edges[middle] <= value { low = middle + 1 } else { high = middle }
            }
            return Int16(Swift.min(low, edges.count - 1))
        }
    }

    /// Counts the finite values into the default buckets. `widen` gives a value as a
    /// double and its search key. upper_bound (the first edge strictly greater than the
    /// value, clamped to the last) starts at the key's table entry and steps over at most
    /// two edges without a branch.
    @inline(__always)
    private static func counting<Element: BinaryFloatingPoint>(
        _ values: UnsafeBufferPointer<Element>, starts: [Int16],
        widen: (Element) -> (Double, Int)
    ) -> Histogram {
        let limits = defaultBucketLimits
        var counts = [Double](repeating: 0, count: limits.count)
        var low = Double.infinity, high = -Double.infinity
        var count = 0, sum = 0.0, sumSquares = 0.0
        limits.withUnsafeBufferPointer { edges in
            counts.withUnsafeMutableBufferPointer { buckets in
                starts.withUnsafeBufferPointer { starts in
                    let last = edges.count - 1
                    for element in values where element.isFinite {
                        let (value, key) = widen(element)
                        low = Swift.min(low, value)
                        high = Swift.max(high, value)
                        count &+= 1
                        sum += value
                        sumSquares += value * value
                        var first = Int(starts[key])
                        first = Swift.min(first &+ (edges[first] <= value ? 1 : 0), last)
                        first = Swift.min(first &+ (edges[first] <= value ? 1 : 0), last)
                        buckets[first] += 1
                    }
                }
            }
        }
        return merged(counts: counts, low: low, high: high, count: Double(count), sum: sum, sumSquares: sumSquares)
    }

    /// The histogram of bucket `counts` over the default edges, with runs of empty buckets merged.
    private static func merged(counts: [Double], low: Double, high: Double, count: Double, sum: Double,
                               sumSquares: Double) -> Histogram {
        let limits = defaultBucketLimits
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
