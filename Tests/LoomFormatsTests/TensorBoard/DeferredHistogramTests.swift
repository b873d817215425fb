import Foundation
import Testing
@testable import LoomFormats
import LoomTestSupport

@Suite struct DeferredHistogramTests {
    static let values: [Float] = [-2, 0, 0.5, 0.5, 3, .nan, 1e-13, -7e30, .infinity]

    @Test func countsLikeTheEagerHistogramOnFirstRead() {
        let deferred = Histogram(deferredValues: Self.values)
        #expect(deferred.isDeferred)
        let eager = Histogram(values: Self.values)
        #expect(deferred.count == 7)
        #expect(!deferred.isDeferred)
        #expect(deferred == eager)
        #expect(deferred.bucketLimits == eager.bucketLimits && deferred.bucketCounts == eager.bucketCounts)
        #expect(Histogram(deferredValues: []) == Histogram(values: [Float]()))
    }

    @Test func copiesShareOneCountAndComparingCounts() {
        let first = Histogram(deferredValues: Self.values)
        let copy = first
        #expect(copy.isDeferred && first.isDeferred)
        #expect(copy == Histogram(values: Self.values))
        #expect(!first.isDeferred)
    }

    @Test func settingAFieldKeepsTheOthers() {
        var histogram = Histogram(deferredValues: [1, 2, 3])
        let untouched = histogram
        histogram.max = 10
        #expect(histogram.max == 10 && histogram.min == 1 && histogram.count == 3 && histogram.sum == 6)
        #expect(untouched.max == 3)
    }

    @Test func threadsReadingAtOnceSeeOneResult() async {
        let histogram = Histogram(deferredValues: (0..<100_000).map { Float($0) - 50_000 })
        let results = await withTaskGroup(of: Histogram.self) { group in
            for _ in 0..<8 { group.addTask { var copy = histogram; copy.sum += 0; return copy } }
            return await group.reduce(into: []) { $0.append($1) }
        }
        let expected = Histogram(values: (0..<100_000).map { Float($0) - 50_000 })
        #expect(results.count == 8 && results.allSatisfy { $0 == expected })
    }

    /// The writer thread counts it: the event file holds the same histogram as an eager one.
    @Test func writerCountsADeferredHistogram() throws {
        let dir = try TemporaryDirectory()
        let writer = try TensorBoardEventWriter(directory: dir.url, hostname: "testhost", clock: { 1_700_000_000 })
        try writer.putHistogram("weights", Histogram(deferredValues: Self.values), step: 2)
        try writer.close()
        let values = try TensorBoardEventReader.values(at: try #require(writer.fileURLs.first))
        #expect(values.map { $0.value } == [TensorBoardValue.histogram(Histogram(values: Self.values))])
    }
}
