import Synchronization

/// A histogram summary of a tensor's values, in TensorBoard's `HistogramProto` layout.
///
/// `bucketLimits[i]` is the inclusive upper edge of bucket `i` (the lower edge is the
/// previous limit); `bucketCounts[i]` counts the values that fall into bucket `i`.
/// The counts add up to ``count``.
///
/// A histogram made with ``init(deferredValues:)`` buckets its values when one of its
/// properties is first read, on whichever thread reads it (once, for every copy): a
/// training thread hands the values over and a writer thread does the counting.
public struct Histogram: Sendable, Equatable {
    /// The statistics and buckets, as stored.
    struct Fields: Sendable, Equatable {
        var min: Double
        var max: Double
        var count: Double
        var sum: Double
        var sumSquares: Double
        var bucketLimits: [Double]
        var bucketCounts: [Double]
    }

    private enum Content: Sendable {
        case ready(Fields)
        case deferred(DeferredHistogram)
    }

    private var content: Content

    /// Creates a histogram from already computed statistics and buckets.
    public init(min: Double, max: Double, count: Double, sum: Double, sumSquares: Double,
                bucketLimits: [Double], bucketCounts: [Double]) {
        content = .ready(Fields(min: min, max: max, count: count, sum: sum, sumSquares: sumSquares,
                                bucketLimits: bucketLimits, bucketCounts: bucketCounts))
    }

    /// The histogram of `values` (TensorBoard's default buckets, as ``init(values:)-([Float])``),
    /// counted when a property is first read rather than now.
    public init(deferredValues values: [Float]) {
        content = .deferred(DeferredHistogram(values: values))
    }

    /// Whether the buckets are still to be counted (a deferred histogram nobody read yet).
    public var isDeferred: Bool {
        guard case let .deferred(box) = content else { return false }
        return !box.isCounted
    }

    fileprivate var fields: Fields {
        switch content {
        case let .ready(fields): return fields
        case let .deferred(box): return box.fields
        }
    }

    /// A stored field (counting a deferred histogram first); setting one keeps the others.
    private subscript<Value>(field: WritableKeyPath<Fields, Value>) -> Value {
        get { fields[keyPath: field] }
        set {
            var fields = self.fields
            fields[keyPath: field] = newValue
            content = .ready(fields)
        }
    }

    /// Smallest value.
    public var min: Double { get { self[\.min] } set { self[\.min] = newValue } }
    /// Largest value.
    public var max: Double { get { self[\.max] } set { self[\.max] = newValue } }
    /// Number of values.
    public var count: Double { get { self[\.count] } set { self[\.count] = newValue } }
    /// Sum of the values.
    public var sum: Double { get { self[\.sum] } set { self[\.sum] = newValue } }
    /// Sum of the squared values.
    public var sumSquares: Double { get { self[\.sumSquares] } set { self[\.sumSquares] = newValue } }
    /// Upper edge of each bucket, increasing.
    public var bucketLimits: [Double] { get { self[\.bucketLimits] } set { self[\.bucketLimits] = newValue } }
    /// Number of values in each bucket; same length as ``bucketLimits``.
    public var bucketCounts: [Double] { get { self[\.bucketCounts] } set { self[\.bucketCounts] = newValue } }

    public static func == (lhs: Histogram, rhs: Histogram) -> Bool { lhs.fields == rhs.fields }
}

/// The values of a deferred histogram until the first read counts them (under a lock, so
/// two threads reading at once count once); afterwards only the counts are kept.
private final class DeferredHistogram: Sendable {
    private enum State {
        case values([Float])
        case counted(Histogram.Fields)
    }

    private let state: Mutex<State>

    init(values: [Float]) { state = Mutex(.values(values)) }

    var isCounted: Bool {
        state.withLock { if case .counted = $0 { true } else { false } }
    }

    var fields: Histogram.Fields {
        state.withLock { state in
            switch state {
            case let .counted(fields):
                return fields
            case let .values(values):
                let fields = Histogram(values: values).fields
                state = .counted(fields)
                return fields
            }
        }
    }
}
