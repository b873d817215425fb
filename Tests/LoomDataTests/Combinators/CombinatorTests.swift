import Testing
@testable import LoomData

@Suite struct CombinatorTests {
    @Test func arrayFlowYieldsRowsInOrder() throws {
        let flow = try numbers(5)
        let all = try flow.collect()
        #expect(values(all) == [0, 1, 2, 3, 4])
        #expect(all[3] == [.floats(shape: [], values: [3]), .ints(shape: [], values: [3])])
        #expect(flow.count == 5)
    }

    @Test func batchDropsOrKeepsTheRemainder() throws {
        let drop = try numbers(10).batched(4)
        #expect(drop.count == 2)
        let dropped = try drop.collect()
        #expect(dropped.count == 2)
        #expect(dropped[1][0] == .floats(shape: [4], values: [4, 5, 6, 7]))
        #expect(dropped[1][1] == .ints(shape: [4], values: [4, 5, 6, 7]))
        let keep = try numbers(10).batched(4, remainder: .keep)
        #expect(keep.count == 3)
        let kept = try keep.collect()
        #expect(kept.map { $0[0].shape } == [[4], [4], [2]])
        #expect(kept[2][0] == .floats(shape: [2], values: [8, 9]))
    }

    @Test func batchStacksMultiDimensionalComponents() throws {
        let images = try ArrayDataFlow(columns: [.floats(shape: [3, 2, 2], values: (0..<12).map(Float.init))])
        let batch = try images.batched(3).collect()
        #expect(batch == [[.floats(shape: [3, 2, 2], values: (0..<12).map(Float.init))]])
    }

    @Test func batchRejectsMismatchedShapes() throws {
        let flow = try numbers(4).map { dp in
            dp[1] == .label(2) ? [.floats(shape: [2], values: [0, 0]), dp[1]] : dp
        }
        #expect(throws: DataFlowError.batchMismatch(component: 0, expected: "float32 []", found: "float32 [2]")) {
            _ = try flow.batched(4).collect()
        }
        #expect(throws: DataFlowError.invalidArgument("batch size must be at least 1, got 0")) { _ = try numbers(4).batched(0) }
    }

    @Test func mapAndMapComponent() throws {
        let doubled = try numbers(4).map { dp in [.floats(shape: [], values: [dp[0].floatValues![0] * 2]), dp[1]] }.collect()
        #expect(values(doubled) == [0, 2, 4, 6])
        let negated = MapDataComponent(try numbers(3), index: 1) { _ in .label(-1) }
        #expect(try negated.collect().map { $0[1] } == [.label(-1), .label(-1), .label(-1)])
        let bad = MapDataComponent(try numbers(3), index: 5) { $0 }
        #expect(throws: DataFlowError.componentIndex(index: 5, count: 2)) { _ = try bad.collect() }
    }

    @Test func shuffleIsReproducibleAndReshufflesEachPass() throws {
        let a = try numbers(50).shuffled(seed: 7)
        let b = try numbers(50).shuffled(seed: 7)
        let c = try numbers(50).shuffled(seed: 8)
        let a1 = values(try a.collect()), a2 = values(try a.collect())
        #expect(a1 == values(try b.collect()))
        #expect(a2 == values(try b.collect()))
        #expect(a1 != a2)
        #expect(a1 != values(try c.collect()))
        #expect(a1.sorted() == Array(0..<50))
        try a.resetState()
        #expect(values(try a.collect()) == a1)
    }

    @Test func locallyShuffleKeepsEveryDatapointOnce() throws {
        let flow = try LocallyShuffleData(try numbers(40), bufferSize: 8, seed: 3)
        let first = values(try flow.collect())
        #expect(first.sorted() == Array(0..<40))
        #expect(first != Array(0..<40))
        let again = try LocallyShuffleData(try numbers(40), bufferSize: 8, seed: 3)
        #expect(values(try again.collect()) == first)
    }

    @Test func repeatFiniteAndForever() throws {
        let twice = try numbers(3).repeated(2)
        #expect(twice.count == 6)
        #expect(values(try twice.collect()) == [0, 1, 2, 0, 1, 2])
        let forever = try numbers(3).repeated(nil)
        #expect(forever.count == nil)
        var iterator = forever.makeIterator()
        var seen: [Datapoint] = []
        for _ in 0..<8 { if let dp = try iterator.next() { seen.append(dp) } }
        #expect(values(seen) == [0, 1, 2, 0, 1, 2, 0, 1])
        #expect(try iterator.skip(4) == 4)
        #expect(values([try iterator.next()].compactMap { $0 }) == [0])
        #expect(try numbers(3).repeated(0).collect().isEmpty)
    }

    @Test func fixedSizeTruncatesAndCycles() throws {
        #expect(values(try FixedSizeData(try numbers(5), size: 3).collect()) == [0, 1, 2])
        #expect(values(try FixedSizeData(try numbers(3), size: 7).collect()) == [0, 1, 2, 0, 1, 2, 0])
    }

    @Test func concatAndJoin() throws {
        let concat = ConcatData([try numbers(2), try numbers(3)])
        #expect(concat.count == 5)
        #expect(values(try concat.collect()) == [0, 1, 0, 1, 2])
        var iterator = concat.makeIterator()
        #expect(try iterator.skip(3) == 3)
        #expect(values([try iterator.next()].compactMap { $0 }) == [1])
        let joined = try JoinData([try numbers(3), try numbers(3).map { [$0[1]] }])
        let rows = try joined.collect()
        #expect(rows[2] == [.floats(shape: [], values: [2]), .label(2), .label(2)])
        #expect(throws: DataFlowError.sizeMismatch(expected: 3, found: 4)) { _ = try JoinData([try numbers(3), try numbers(4)]) }
    }
}
