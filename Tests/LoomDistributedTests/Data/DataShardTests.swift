import LoomDistributed
import Testing

@Suite struct DataShardTests {
    @Test func ranksSplitEachGlobalBatchInOrder() {
        let first = DataShard(rank: 0, size: 2), second = DataShard(rank: 1, size: 2)
        #expect(first.positions(batch: 0, perRank: 4) == 0..<4)
        #expect(second.positions(batch: 0, perRank: 4) == 4..<8)
        #expect(first.positions(batch: 3, perRank: 4) == 24..<28)
        #expect(second.positions(batch: 3, perRank: 4) == 28..<32)
    }

    @Test func noSampleIsReadTwicePerEpoch() {
        let shards = (0..<3).map { DataShard(rank: $0, size: 3) }
        let batches = shards[0].batchesPerEpoch(sampleCount: 100, perRank: 5)
        #expect(batches == 6)
        let read = shards.flatMap { shard in (0..<batches).flatMap { Array(shard.positions(batch: $0, perRank: 5)) } }
        #expect(read.sorted() == Array(0..<90))
        let strided = shards.flatMap { Array($0.stridedPositions(count: 10)) }
        #expect(strided.sorted() == Array(0..<10))
        #expect(Array(shards[1].stridedPositions(count: 10)) == [1, 4, 7])
    }
}
