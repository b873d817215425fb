extension Kernels {
    /// Elements of work below which a per-plane kernel stays on the calling thread (a
    /// `concurrentPerform` round costs a few microseconds).
    static let planeWorkThreshold = 1 << 15

    /// The same for kernels that only move memory (max pooling): a second thread pays off
    /// only for large inputs. Measured on the 2-vCPU machine (`loom-bench kernels`, 2 vs 1
    /// thread): 2×2 max pooling over 1.2M inputs took 1.2× as long, over 4.6M 0.65×.
    static let memoryBoundWorkThreshold = 1 << 21

    /// Runs `body(index)` for every index in `0..<count`, over ``threadCount`` threads
    /// when `work` (the elements the whole loop touches) reaches `threshold`. Each index is
    /// run by exactly one thread, so a body that writes only its own index's output gives
    /// the same result for any thread count.
    static func parallelFor(_ count: Int, work: Int, threshold: Int = planeWorkThreshold, _ body: (Int) -> Void) {
        guard work >= threshold, count > 1, threadCount > 1 else {
            for index in 0..<count { body(index) }
            return
        }
        parallelFor(count, body)
    }
}
