import Testing
@testable import LoomTensor

@Suite struct BufferPoolTests {
    /// A freed large buffer is handed to the next request of exactly its size.
    @Test func aFreedLargeBufferIsReusedForTheSameSize() {
        let pool = BufferPool(minimumBytes: 1024, capacityBytes: 1 << 20)
        let first = pool.allocate(byteCount: 4096)
        pool.release(first, byteCount: 4096)
        #expect(pool.statistics == TensorMemory(liveBytes: 0, peakLiveBytes: 4096, cachedBytes: 4096))
        let other = pool.allocate(byteCount: 8192)
        #expect(other != first, "another size never gets the cached buffer")
        let again = pool.allocate(byteCount: 4096)
        #expect(again == first)
        #expect(pool.statistics == TensorMemory(liveBytes: 12288, peakLiveBytes: 12288, cachedBytes: 0))
        pool.release(other, byteCount: 8192)
        pool.release(again, byteCount: 4096)
        pool.trim()
        #expect(pool.statistics.cachedBytes == 0)
    }

    /// Small buffers are not cached, and the cache never exceeds its capacity.
    @Test func smallBuffersAndOverflowGoBackToTheSystem() {
        let pool = BufferPool(minimumBytes: 1024, capacityBytes: 8192)
        let small = pool.allocate(byteCount: 512)
        pool.release(small, byteCount: 512)
        #expect(pool.statistics.cachedBytes == 0)
        let buffers = (0..<3).map { _ in pool.allocate(byteCount: 4096) }
        for buffer in buffers { pool.release(buffer, byteCount: 4096) }
        #expect(pool.statistics.cachedBytes == 8192, "the third buffer did not fit and was freed")
        #expect(pool.statistics.liveBytes == 0)
        pool.resetPeak()
        #expect(pool.statistics.peakLiveBytes == 0)
        pool.trim()
    }

    /// Tensors on reused buffers compute the same results (the shared pool's counters are
    /// not asserted: tests on other threads allocate meanwhile).
    @Test func tensorsOnReusedBuffersStayCorrect() {
        let count = 1 << 18
        let a = Tensor(shape: [count], scalars: [Float](repeating: 1, count: count))
        for index in 0..<3 {
            let sum = a * Float(index + 1) + a
            #expect(sum.sum().scalar == Float((index + 2) * count))
        }
    }
}
