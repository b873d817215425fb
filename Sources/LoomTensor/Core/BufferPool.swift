import Synchronization

/// Loom's own cache of freed tensor buffers, by exact size: every op allocates its result,
/// and a training step allocates the same sizes step after step, so a freed large buffer
/// is handed to the next request of its size instead of going back to the C allocator.
///
/// Why: glibc serves large blocks with a fresh `mmap` and unmaps them when freed, so each
/// large result page-faults again (an add into a new 16M-float tensor ran at 0.27×
/// `memcpy`); tuning glibc to keep its peak heap instead (`mallopt` top pad) made resident
/// memory creep over long runs. The pool keeps only buffers of at least
/// ``minimumBytes`` (smaller ones are cheap for malloc), at most ``capacityBytes`` in all
/// (a buffer freed into a full pool goes back to the system), and hands a cached buffer
/// only to a request of exactly its size, so memory never exceeds the live tensors plus
/// the bounded cache.
///
/// Thread-safe (one lock, held for a dictionary look-up): tensors are freed on whatever
/// thread drops the last reference. ``shared`` is the process-wide instance, an allocator
/// like malloc itself; its counters are for benchmarks and tests.
final class BufferPool: Sendable {
    /// The instance every ``TensorStorage`` allocates from.
    static let shared = BufferPool(minimumBytes: 64 << 10, capacityBytes: 256 << 20)

    /// Buffers below this size are not cached.
    let minimumBytes: Int
    /// The most bytes the pool keeps cached.
    let capacityBytes: Int
    private let state = Mutex(State())

    private struct State {
        /// Cached buffers (addresses) by byte count.
        var free: [Int: [UInt]] = [:]
        var cachedBytes = 0
        var liveBytes = 0
        var peakLiveBytes = 0
    }

    init(minimumBytes: Int, capacityBytes: Int) {
        self.minimumBytes = minimumBytes
        self.capacityBytes = capacityBytes
    }

    /// A 64-byte aligned buffer of `byteCount` bytes (contents undefined).
    func allocate(byteCount: Int) -> UnsafeMutableRawPointer {
        let reused: UInt? = state.withLock { state in
            state.liveBytes += byteCount
            state.peakLiveBytes = max(state.peakLiveBytes, state.liveBytes)
            guard byteCount >= minimumBytes, let address = state.free[byteCount]?.popLast() else { return nil }
            state.cachedBytes -= byteCount
            return address
        }
        if let reused, let pointer = UnsafeMutableRawPointer(bitPattern: reused) { return pointer }
        return UnsafeMutableRawPointer.allocate(byteCount: byteCount, alignment: 64)
    }

    /// Returns a buffer from ``allocate(byteCount:)``: cached when large enough and the
    /// pool has room, otherwise freed.
    func release(_ pointer: UnsafeMutableRawPointer, byteCount: Int) {
        let cached = state.withLock { state in
            state.liveBytes -= byteCount
            guard byteCount >= minimumBytes, state.cachedBytes + byteCount <= capacityBytes else { return false }
            state.free[byteCount, default: []].append(UInt(bitPattern: pointer))
            state.cachedBytes += byteCount
            return true
        }
        if !cached { pointer.deallocate() }
    }

    /// Runs `body` with a scratch buffer of `count` floats (64-byte aligned, contents
    /// undefined) that goes back to the pool afterwards: kernels that need the same scratch
    /// size call after call (a convolution's patch matrices) reuse it instead of
    /// page-faulting fresh memory.
    func withFloats<Result>(_ count: Int, _ body: (UnsafeMutablePointer<Float>) -> Result) -> Result {
        let byteCount = Swift.max(count, 1) * MemoryLayout<Float>.stride
        let raw = allocate(byteCount: byteCount)
        defer { release(raw, byteCount: byteCount) }
        return body(raw.bindMemory(to: Float.self, capacity: Swift.max(count, 1)))
    }

    /// The current counters.
    var statistics: TensorMemory {
        state.withLock { TensorMemory(liveBytes: $0.liveBytes, peakLiveBytes: $0.peakLiveBytes, cachedBytes: $0.cachedBytes) }
    }

    /// Starts a new peak at the current live bytes.
    func resetPeak() { state.withLock { $0.peakLiveBytes = $0.liveBytes } }

    /// Frees every cached buffer.
    func trim() {
        let addresses = state.withLock { state in
            defer {
                state.free.removeAll()
                state.cachedBytes = 0
            }
            return state.free.values.flatMap { $0 }
        }
        for address in addresses { UnsafeMutableRawPointer(bitPattern: address)?.deallocate() }
    }
}
