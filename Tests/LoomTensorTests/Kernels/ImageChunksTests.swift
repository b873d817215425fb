import Synchronization
import Testing
@testable import LoomTensor
import LoomTensorTestSupport

/// The chunk groups that spread a sum over the batch (a weight gradient) over the kernel
/// threads without making its result depend on the thread count.
@Suite(.serialized) struct ImageChunksTests {
    /// The group count depends on the chunks and the partial sums' size only: at most 16,
    /// and the partial sums past the first stay within 8 MiB.
    @Test func groupCountIsBoundedByChunksGroupsAndMemory() {
        #expect(ImageChunks.groupCount(chunks: 0, partialFloats: 10) == 1)
        #expect(ImageChunks.groupCount(chunks: 7, partialFloats: 800) == 7)
        #expect(ImageChunks.groupCount(chunks: 40, partialFloats: 800) == 16)
        #expect(ImageChunks.groupCount(chunks: 40, partialFloats: 0) == 16)
        #expect(ImageChunks.groupCount(chunks: 40, partialFloats: 1 << 19) == 5)
        #expect(ImageChunks.groupCount(chunks: 40, partialFloats: 1 << 22) == 1)
    }

    /// Every chunk runs once, in its group, the groups' chunks consecutive and in order,
    /// and only a group's first chunk starts it; on 1, 2 and 3 threads alike.
    @Test func groupsCoverTheBatchInOrder() {
        let visits = computed(atThreadCounts: [1, 2, 3]) { () -> [[Int]] in
            let seen = Mutex([[Int]](repeating: [], count: 3))
            ImageChunks.runGroups(batch: 23, imagesPerChunk: 4, groups: 3, bufferFloats: 16) { chunk, _ in
                #expect(chunk.imageCount == min(4, 23 - chunk.firstImage))
                seen.withLock { groups in
                    #expect(chunk.startsGroup == groups[chunk.group].isEmpty)
                    groups[chunk.group].append(chunk.firstImage)
                }
            }
            return seen.withLock { $0 }
        }
        // Six chunks (4, 4, 4, 4, 4 and 3 images) in three groups of two.
        for groups in visits { #expect(groups == [[0, 4], [8, 12], [16, 20]]) }
    }

    /// Partial sums are added to the first group's in group order.
    @Test func partialsAreAddedInGroupOrder() {
        var result: [Float] = [1e8, 1, 2]
        let partials: [Float] = [-1e8, 1, 2, 1, 1, 1]
        result.withUnsafeMutableBufferPointer { target in
            partials.withUnsafeBufferPointer { ImageChunks.addPartials($0.baseAddress!, groups: 3, floats: 3, into: target.baseAddress!) }
        }
        // (1e8 + -1e8) + 1: in group order; 1e8 + (-1e8 + 1) would give 0.
        #expect(result == [1, 3, 5])
    }
}
