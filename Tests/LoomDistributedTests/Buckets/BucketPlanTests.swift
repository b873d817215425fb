import LoomDistributed
import Testing

@Suite struct BucketPlanTests {
    @Test func smallArraysShareABucketAndLargeOnesStandAlone() {
        let plan = BucketPlan(counts: [3, 1, 5, 2, 8, 1], capacity: 6)
        #expect(plan.buckets == [
            .init(arrays: 0..<2, offsets: [0, 3], count: 4),
            .init(arrays: 2..<3, offsets: [0], count: 5),
            .init(arrays: 3..<4, offsets: [0], count: 2),
            .init(arrays: 4..<5, offsets: [0], count: 8),
            .init(arrays: 5..<6, offsets: [0], count: 1),
        ])
        #expect(plan.largestBucket == 8)
    }

    @Test func everythingFitsInOneBucket() {
        let plan = BucketPlan(counts: [10, 0, 20], capacity: 30)
        #expect(plan.buckets == [.init(arrays: 0..<3, offsets: [0, 10, 10], count: 30)])
    }

    @Test func megabytesBecomeFloatCapacity() {
        #expect(BucketPlan(counts: [], megabytes: 4).capacity == 1_048_576)
        #expect(BucketPlan(counts: [], megabytes: 4).buckets.isEmpty)
    }

    @Test func singleProcessReductionKeepsValuesAndMeanIsIdentity() throws {
        var arrays: [[Float]] = [[1, 2, 3], [4], [5, 6]]
        var reducer = BucketedAllreduce(counts: [3, 1, 2], megabytes: 16.0 / 1_048_576)
        #expect(reducer.plan.buckets.count == 2)
        try reducer.run(&arrays, over: SingleProcessCommunicator(), mean: true)
        #expect(arrays == [[1, 2, 3], [4], [5, 6]])
    }
}
