extension Kernels {
    /// The tensor buffers (and convolution scratch buffers) in use, their peak, and the
    /// freed buffers kept for reuse.
    ///
    /// Every tensor op allocates its result; Loom keeps freed buffers of 64 KiB and more
    /// (256 MiB at most) and hands each to the next request of exactly its size, so a
    /// training step reuses the previous step's buffers instead of page-faulting fresh
    /// memory from the system, and resident memory stays at the live tensors plus that
    /// bounded cache. The C allocator's settings are left alone.
    public static var tensorMemory: TensorMemory { BufferPool.shared.statistics }

    /// Starts a new ``TensorMemory/peakLiveBytes`` at the bytes in use now.
    public static func resetTensorMemoryPeak() { BufferPool.shared.resetPeak() }

    /// Returns every cached freed buffer to the system (e.g. after a phase with other
    /// tensor sizes); later allocations refill the cache.
    public static func trimTensorMemory() { BufferPool.shared.trim() }
}
