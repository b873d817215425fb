import Testing
@testable import LoomFormats

@Suite struct HistogramValuesTests {
    @Test func defaultLimitsMatchTensorFlow() {
        let limits = Histogram.defaultBucketLimits
        #expect(limits.count == 1551)  // 774 powers of 1.1 below 1e20, ±DBL_MAX, and 0
        #expect(limits.first == -.greatestFiniteMagnitude)
        #expect(limits.last == .greatestFiniteMagnitude)
        #expect(limits[775] == 0)
        #expect(limits[776] == 1e-12)
        #expect(limits[774] == -1e-12)
        #expect(zip(limits, limits.dropFirst()).allSatisfy { $0 < $1 })
    }

    /// Buckets computed by hand: 0.5 lies in [1e-12·1.1^282, 1e-12·1.1^283) and so on;
    /// runs of empty buckets collapse into one empty bucket with the run's right edge.
    @Test func bucketsAndStatistics() {
        let histogram = Histogram(values: [-2, 0, 0.5, 0.5, 3] as [Float])
        #expect(histogram.min == -2)
        #expect(histogram.max == 3)
        #expect(histogram.count == 5)
        #expect(histogram.sum == 2)
        #expect(histogram.sumSquares == 13.5)
        #expect(histogram.bucketLimits == [
            -2.1628190051144287, -1.9661990955585713, 0, 1e-12, 0.47069243095356195, 0.5177616740489182,
            2.8787120958073054, 3.1665833053880363, .greatestFiniteMagnitude,
        ])
        #expect(histogram.bucketCounts == [0, 1, 0, 1, 0, 2, 0, 1, 0])
        var power = 1e-12
        for _ in 0..<283 { power *= 1.1 }
        #expect(histogram.bucketLimits[5] == power)
    }

    @Test func nonFiniteValuesAreLeftOutAndEmptyIsOneBucket() {
        let histogram = Histogram(values: [.nan, .infinity, 1, -.infinity] as [Double])
        #expect(histogram.count == 1)
        #expect(histogram.min == 1 && histogram.max == 1 && histogram.sum == 1)
        #expect(histogram.bucketCounts.reduce(0, +) == 1)
        let empty = Histogram(values: [Float]())
        #expect(empty == Histogram(min: 0, max: 0, count: 0, sum: 0, sumSquares: 0,
                                   bucketLimits: [.greatestFiniteMagnitude], bucketCounts: [0]))
    }

    @Test func extremeValuesLandInTheOuterBuckets() {
        let histogram = Histogram(values: [Double.greatestFiniteMagnitude, -Double.greatestFiniteMagnitude, 1e30])
        #expect(histogram.count == 3)
        #expect(histogram.bucketCounts.reduce(0, +) == 3)
        #expect(histogram.bucketLimits.last == .greatestFiniteMagnitude)
    }

    /// Each value lands in the bucket of the first edge strictly greater than it (clamped
    /// to the last), found here by a linear scan: every edge and its neighbours, zeros,
    /// and values of every scale.
    @Test func everyValueLandsInTheBucketOfTheFirstGreaterEdge() {
        let edges = Histogram.defaultBucketLimits
        var values: [Double] = [0, -0.0, .leastNonzeroMagnitude, -.leastNonzeroMagnitude, 1e-300, -1e-300]
        for edge in edges { values += [edge, edge.nextUp, edge.nextDown] }
        var state: UInt64 = 12_345
        for _ in 0..<5_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let magnitude = Double(bitPattern: (state >> 2) & 0x7FEF_FFFF_FFFF_FFFF)
            values.append(state & 1 == 0 ? magnitude : -magnitude)
        }
        var mismatches: [Double] = []
        for value in values where value.isFinite {
            let expected = edges[min(edges.firstIndex { $0 > value } ?? edges.count, edges.count - 1)]
            let histogram = Histogram(values: [value])
            let bucket = histogram.bucketCounts.firstIndex(of: 1).map { histogram.bucketLimits[$0] }
            if bucket != expected { mismatches.append(value) }
        }
        #expect(mismatches.isEmpty, "first mismatches: \(mismatches.prefix(5))")
    }

    /// The float path (its own search table) buckets like the double path: every float
    /// next to an edge, zeros, subnormals, the largest float and random floats of every
    /// scale, each alone and all together.
    @Test func floatsLandWhereTheirDoublesLand() {
        var values: [Float] = [0, -0.0, .leastNonzeroMagnitude, -.leastNonzeroMagnitude, .leastNormalMagnitude,
                               .greatestFiniteMagnitude, -.greatestFiniteMagnitude]
        for edge in Histogram.defaultBucketLimits where abs(edge) <= Double(Float.greatestFiniteMagnitude) {
            let float = Float(edge)
            values += [float, float.nextUp, float.nextDown]
        }
        var state: UInt32 = 12_345
        for _ in 0..<5_000 {
            state = state &* 1_664_525 &+ 1_013_904_223
            let magnitude = Float(bitPattern: (state >> 1) & 0x7F7F_FFFF)
            values.append(state & 1 == 0 ? magnitude : -magnitude)
        }
        let mismatches = values.filter { Histogram(values: [$0]) != Histogram(values: [Double($0)]) }
        #expect(mismatches.isEmpty, "first mismatches: \(mismatches.prefix(5))")
        #expect(Histogram(values: values) == Histogram(values: values.map(Double.init)))
    }
}
