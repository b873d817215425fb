import Synchronization

extension Kernels {
    /// How many callers are inside ``withSingleThreadedBLAS(_:)`` now.
    private static let singleThreadedRegions = Mutex(0)

    /// Runs `body` with BLAS set to one thread, so that several kernel threads can each
    /// call BLAS at once (each call then runs on its caller's thread instead of queueing
    /// for BLAS's own threads). BLAS's thread count is restored to ``threadCount`` when the
    /// last such region ends; regions may overlap (nested or on other threads).
    static func withSingleThreadedBLAS<Result>(_ body: () -> Result) -> Result {
        guard let setThreads = BLASLibrary.shared?.setThreads else { return body() }
        singleThreadedRegions.withLock { depth in
            if depth == 0 { setThreads(1) }
            depth += 1
        }
        defer {
            singleThreadedRegions.withLock { depth in
                depth -= 1
                if depth == 0 { setThreads(Int32(threadCount)) }
            }
        }
        return body()
    }
}
