extension Kernels {
    /// Elements of work below which a per-plane kernel stays on the calling thread (a
    /// `concurrentPerform` round costs a few microseconds).
    static let planeWorkThreshold = 1 << 15

    /// Runs `body(index)` for every index in `0..<count`, over ``threadCount`` threads
    /// when `work` (the elements the whole loop touches) is worth splitting. Each index is
    /// run by exactly one thread, so a body that writes only its own index's output gives
    /// the same result for any thread count.
    static func parallelFor(_ count: Int, work: Int, _ body: (Int) -> Void) {
        guard work >= planeWorkThreshold, count > 1, threadCount > 1 else {
            for index in 0..<count { body(index) }
            return
        }
        parallelFor(count, body)
    }
}
