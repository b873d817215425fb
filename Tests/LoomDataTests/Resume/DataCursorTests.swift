import Foundation
import Testing
@testable import LoomData

@Suite struct DataCursorTests {
    /// source → shuffle → random map → batch → prefetch, the common training chain.
    func pipeline() throws -> PrefetchData<BatchData<MapData<ShuffleData<ArrayDataFlow>>>> {
        try numbers(23).shuffled(seed: 5)
            .map(seed: 11) { dp, rng in [.floats(shape: [], values: [dp[0].floatValues![0] + Float(rng.below(2)) * 100]), dp[1]] }
            .batched(4, remainder: .keep)
            .prefetched(bufferSize: 2)
    }

    func take(_ cursor: DataCursor<some DataFlow>, _ n: Int) throws -> [Datapoint] {
        try (0..<n).map { _ in try cursor.next() }
    }

    @Test(arguments: [0, 3, 6, 7, 13, 20])
    func restoredCursorContinuesIdentically(stopAfter: Int) throws {
        let reference = try DataCursor(try pipeline())
        let expected = try take(reference, 24)
        let first = try DataCursor(try pipeline())
        _ = try take(first, stopAfter)
        let saved = try JSONEncoder().encode(first.position)
        let resumed = try DataCursor(try pipeline())
        try resumed.restore(try JSONDecoder().decode(DataPosition.self, from: saved))
        #expect(resumed.epoch == max(0, stopAfter - 1) / 6, "a pass ends when its end is seen")
        #expect(try take(resumed, 24 - stopAfter) == Array(expected[stopAfter...]))
    }

    @Test(arguments: [5, 17])
    func parallelMapPipelineResumes(stopAfter: Int) throws {
        func make() throws -> BatchData<MultiThreadMapData<ShuffleData<SyntheticDigits>>> {
            try MultiThreadMapData(SyntheticDigits.tiny(count: 30).shuffled(seed: 2), threads: 2, seed: 3) { dp, rng in
                guard case let .floats(shape, values) = dp[0] else { return dp }
                return [.floats(shape: shape, values: values.map { $0 + rng.uniform(0, 0.1) }), dp[1]]
            }.batched(7)
        }
        let expected = try take(try DataCursor(try make()), 24)
        let first = try DataCursor(try make())
        _ = try take(first, stopAfter)
        let resumed = try DataCursor(try make())
        try resumed.restore(first.position)
        #expect(try take(resumed, 24 - stopAfter) == Array(expected[stopAfter...]))
    }

    @Test func passesDifferAndEpochsCount() throws {
        let cursor = try DataCursor(try numbers(5).shuffled(seed: 1))
        let pass1 = try take(cursor, 5)
        #expect(cursor.position.epoch == 0)
        #expect(cursor.position.indexInEpoch == 5)
        let pass2 = try take(cursor, 5)
        #expect(cursor.epoch == 1)
        #expect(values(pass1).sorted() == values(pass2).sorted())
        #expect(values(pass1) != values(pass2))
    }

    @Test func restoreRejectsAnotherPipeline() throws {
        let cursor = try DataCursor(try numbers(5).shuffled(seed: 1))
        let other = try DataCursor(try numbers(5).batched(2))
        #expect(throws: DataFlowError.self) { try other.restore(cursor.position) }
        let tooFar = DataPosition(epoch: 0, indexInEpoch: 9, flowState: cursor.position.flowState)
        #expect(throws: DataFlowError.stateMismatch(expected: "a pass with at least 9 datapoints", found: "5")) { try cursor.restore(tooFar) }
    }

    @Test func emptyFlowIsAnError() throws {
        let cursor = try DataCursor(try FixedSizeData(try numbers(3), size: 0))
        #expect(throws: DataFlowError.empty(flow: "the flow of DataCursor")) { _ = try cursor.next() }
    }
}
