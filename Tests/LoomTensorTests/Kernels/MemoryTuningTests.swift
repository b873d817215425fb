import LoomTensor
import Testing

@Suite struct MemoryTuningTests {
    /// On glibc the allocator settings are found and accepted; results stay correct after.
    @Test func reuseFreedMemoryIsAppliedOnGlibc() {
        #if canImport(Glibc)
        #expect(Kernels.reuseFreedMemory())
        #endif
        let a = Tensor(shape: [1 << 18], scalars: [Float](repeating: 1, count: 1 << 18))
        for _ in 0..<3 { #expect((a + a).sum().scalar == Float(1 << 19)) }
    }
}
