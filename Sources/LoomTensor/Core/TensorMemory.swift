/// Bytes of tensor buffers (``Kernels/tensorMemory``): what the live tensors hold, their
/// peak, and the freed buffers Loom keeps for reuse.
public struct TensorMemory: Sendable, Equatable {
    /// Bytes of tensor buffers in use now.
    public var liveBytes: Int
    /// The most bytes of tensor buffers in use at once since the start or the last
    /// ``Kernels/resetTensorMemoryPeak()``.
    public var peakLiveBytes: Int
    /// Bytes of freed buffers kept for reuse (bounded).
    public var cachedBytes: Int

    /// Creates a record.
    public init(liveBytes: Int, peakLiveBytes: Int, cachedBytes: Int) {
        self.liveBytes = liveBytes
        self.peakLiveBytes = peakLiveBytes
        self.cachedBytes = cachedBytes
    }
}
