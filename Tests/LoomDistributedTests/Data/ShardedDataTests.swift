import LoomData
import Testing
@testable import LoomDistributed

@Suite struct ShardedDataTests {
    @Test func blocksCoverEverySampleOnceWithTheExtrasOnLowRanks() {
        let blocks = (0..<3).map { ShardedData<ArrayDataFlow>.block(count: 101, shard: DataShard(rank: $0, size: 3)) }
        #expect(blocks == [0..<34, 34..<68, 68..<101])
        #expect(ShardedData<ArrayDataFlow>.block(count: 1, shard: DataShard(rank: 0, size: 2)) == 0..<1)
        #expect(ShardedData<ArrayDataFlow>.block(count: 1, shard: DataShard(rank: 1, size: 2)) == 1..<1)
    }

    @Test func readsItsBlockOfTheUpstream() throws {
        let flow = try ArrayDataFlow(columns: [.ints(shape: [5], values: [10, 11, 12, 13, 14])])
        let shard = ShardedData(flow, shard: DataShard(rank: 1, size: 2))
        #expect(try shard.collect() == [[.label(13)], [.label(14)]])
    }

    @Test func batchesAreSplitIntoTheRanksRows() throws {
        let images = DataComponent.floats(shape: [4, 2], values: [0, 1, 2, 3, 4, 5, 6, 7])
        let labels = DataComponent.ints(shape: [4], values: [7, 8, 9, 10])
        let shard = DataShard(rank: 1, size: 2)
        #expect(try ShardedBatches<ArrayDataFlow>.slice(images, shard: shard) == .floats(shape: [2, 2], values: [4, 5, 6, 7]))
        #expect(try ShardedBatches<ArrayDataFlow>.slice(labels, shard: shard) == .ints(shape: [2], values: [9, 10]))
        #expect(throws: ShardedBatchesError(shape: [3], ranks: 2)) {
            try ShardedBatches<ArrayDataFlow>.slice(.ints(shape: [3], values: [1, 2, 3]), shard: shard)
        }
    }
}
