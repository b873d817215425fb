import Foundation
import Testing
@testable import LoomData

@Suite struct ParallelTests {
    @Test func prefetchKeepsOrderAndContents() throws {
        let source = try numbers(200).shuffled(seed: 4)
        let expected = values(try numbers(200).shuffled(seed: 4).collect())
        let flow = try source.prefetched(bufferSize: 3)
        #expect(values(try flow.collect()) == expected)
        #expect(flow.activeWorkerCount == 0)
    }

    @Test func prefetchDeliversUpstreamErrorAfterEarlierItems() throws {
        let failing = try numbers(10).map { dp in
            if dp[1] == .label(6) { throw TestFailure(description: "bad sample 6") }
            return dp
        }
        let iterator = try failing.prefetched(bufferSize: 2).makeIterator()
        var seen: [Int] = []
        do {
            while let dp = try iterator.next() { seen.append(values([dp])[0]) }
            Issue.record("expected an error")
        } catch let error as TestFailure {
            #expect(error.description == "bad sample 6")
        }
        #expect(seen == [0, 1, 2, 3, 4, 5])
        #expect(try iterator.next() == nil)
    }

    @Test func orderedMultiThreadMapEqualsMapData() throws {
        let function: @Sendable (Datapoint, inout SeededGenerator) throws -> Datapoint = { dp, rng in
            [.floats(shape: [], values: [dp[0].floatValues![0] * 1000 + Float(rng.below(1000))]), dp[1]]
        }
        let serial = try MapData(try numbers(300), seed: 9, function).collect()
        for threads in [1, 2, 3] {
            let parallel = try MultiThreadMapData(try numbers(300), threads: threads, bufferSize: 5, seed: 9, function)
            #expect(try parallel.collect() == serial)
            #expect(parallel.activeWorkerCount == 0)
        }
    }

    @Test func unorderedMultiThreadMapYieldsEveryDatapoint() throws {
        let flow = try MultiThreadMapData(try numbers(500), threads: 3, ordered: false) { dp in dp }
        #expect(values(try flow.collect()).sorted() == Array(0..<500))
    }

    @Test func multiThreadMapErrorReachesConsumerWithMessage() throws {
        let flow = try MultiThreadMapData(try numbers(100), threads: 2, bufferSize: 4) { dp in
            if dp[0] == .floats(shape: [], values: [37]) { throw TestFailure(description: "cannot decode sample 37") }
            return dp
        }
        let iterator = flow.makeIterator()
        var seen = 0
        do {
            while try iterator.next() != nil { seen += 1 }
            Issue.record("expected an error")
        } catch {
            #expect("\(error)" == "cannot decode sample 37")
        }
        #expect(seen == 37)
        #expect(try iterator.next() == nil)
    }

    @Test func earlyStopShutsWorkersDown() throws {
        let slow = try MultiThreadMapData(try numbers(10_000), threads: 3, bufferSize: 6) { dp in
            Thread.sleep(forTimeInterval: 0.0005)
            return dp
        }
        let prefetch = try PrefetchData(slow, bufferSize: 4)
        do {
            let iterator = prefetch.makeIterator()
            for _ in 0..<20 { _ = try iterator.next() }
            #expect(slow.activeWorkerCount == 3)
            #expect(prefetch.activeWorkerCount == 1)
        }
        #expect(prefetch.activeWorkerCount == 0)
        #expect(slow.activeWorkerCount == 0)
        let unused = slow.makeIterator()
        #expect(slow.activeWorkerCount == 0, "workers start lazily")
        _ = unused
    }
}
