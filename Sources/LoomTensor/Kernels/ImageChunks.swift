import Dispatch

/// Runs a convolution's work over chunks of its batch, each with one scratch buffer that
/// every chunk of a thread reuses.
///
/// The chunk boundaries depend only on the batch and the chunk size, never on the thread
/// count, so a kernel whose chunks are computed the same way on any thread gives the same
/// results on any number of threads.
enum ImageChunks {
    /// Runs `body(firstImage, imageCount, buffer, parallel)` for chunks of `imagesPerChunk`
    /// images (the last may be smaller) that are independent of each other (each writes
    /// only its own images' results); `buffer` holds `bufferFloats` floats.
    ///
    /// With several kernel threads and chunks, each thread takes every `threads`-th chunk
    /// with its own buffer and runs BLAS on one thread; `parallel` is then false. Otherwise
    /// the chunks run one after another on the calling thread and `parallel` is true: the
    /// body may spread its own work over the threads.
    static func run(batch: Int, imagesPerChunk: Int, bufferFloats: Int, _ body: (Int, Int, UnsafeMutablePointer<Float>, Bool) -> Void) {
        // One group per chunk: thread t takes chunks t, t + threads, ….
        let chunks = (batch + imagesPerChunk - 1) / imagesPerChunk
        runGroups(batch: batch, imagesPerChunk: imagesPerChunk, groups: Swift.max(chunks, 1), bufferFloats: bufferFloats) { chunk, buffer in
            body(chunk.firstImage, chunk.imageCount, buffer, chunk.parallel)
        }
    }

    /// The most groups ``runGroups(batch:imagesPerChunk:groups:bufferFloats:_:)`` is given:
    /// enough for the 16 threads of a many-core machine.
    static let maximumGroups = 16

    /// Floats that the groups' partial sums (all but the first) may take: 8 MiB.
    static let partialBudgetFloats = 1 << 21

    /// How many groups to split `chunks` chunks into when each group keeps a partial sum of
    /// `partialFloats` floats: at most ``maximumGroups`` and ``partialBudgetFloats`` of
    /// partial sums, at least 1. It depends only on the geometry, never on the thread count.
    static func groupCount(chunks: Int, partialFloats: Int) -> Int {
        Swift.max(1, Swift.min(chunks, maximumGroups, 1 + partialBudgetFloats / Swift.max(partialFloats, 1)))
    }

    /// One chunk of a ``runGroups(batch:imagesPerChunk:groups:bufferFloats:_:)`` run.
    struct GroupedChunk {
        /// The chunk's images: `firstImage..<firstImage+imageCount`.
        var firstImage: Int, imageCount: Int
        /// The group the chunk belongs to, and whether it is the group's first chunk (its
        /// partial sum starts there: a GEMM into it takes beta 0).
        var group: Int, startsGroup: Bool
        /// Whether the body may spread its own work over the kernel threads (false when the
        /// groups already run concurrently).
        var parallel: Bool
    }

    /// Runs `body(chunk, buffer)` for chunks of `imagesPerChunk` images split into `groups`
    /// runs of consecutive chunks: group `g` takes chunks `g·chunks/groups ..<
    /// (g+1)·chunks/groups`, in order; `buffer` holds `bufferFloats` floats.
    ///
    /// For sums over the batch (a weight gradient): each group accumulates its chunks into a
    /// partial sum of its own, and ``addPartials(_:groups:floats:into:)`` adds them in group
    /// order afterwards, so the result is the same on any number of threads. With several
    /// kernel threads and groups, each thread takes every `threads`-th group with its own
    /// buffer and runs BLAS on one thread; otherwise the groups run one after another on the
    /// calling thread.
    static func runGroups(batch: Int, imagesPerChunk: Int, groups: Int, bufferFloats: Int,
                          _ body: (GroupedChunk, UnsafeMutablePointer<Float>) -> Void) {
        let workers = Swift.min(Kernels.threadCount, groups)
        guard workers > 1 else {
            runGroups(batch: batch, imagesPerChunk: imagesPerChunk, groups: groups, bufferFloats: bufferFloats, worker: 0, of: 1, body)
            return
        }
        withoutActuallyEscaping(body) { body in
            let work = UncheckedSendable(body)
            Kernels.withSingleThreadedBLAS {
                DispatchQueue.concurrentPerform(iterations: workers) { worker in
                    runGroups(batch: batch, imagesPerChunk: imagesPerChunk, groups: groups, bufferFloats: bufferFloats,
                              worker: worker, of: workers, work.value)
                }
            }
        }
    }

    /// Runs groups `worker`, `worker + workers`, … with one buffer.
    private static func runGroups(batch: Int, imagesPerChunk: Int, groups: Int, bufferFloats: Int, worker: Int, of workers: Int,
                                  _ body: (GroupedChunk, UnsafeMutablePointer<Float>) -> Void) {
        let chunks = (batch + imagesPerChunk - 1) / imagesPerChunk
        BufferPool.shared.withFloats(bufferFloats) { buffer in
            for group in Swift.stride(from: worker, to: groups, by: workers) {
                let start = group * chunks / groups
                for chunk in start..<((group + 1) * chunks / groups) {
                    let first = chunk * imagesPerChunk
                    body(GroupedChunk(firstImage: first, imageCount: Swift.min(imagesPerChunk, batch - first), group: group,
                                      startsGroup: chunk == start, parallel: workers == 1), buffer)
                }
            }
        }
    }

    /// Adds the partial sums of groups `1..<groups` (`floats` each, one after another in
    /// `partials`) to `result`, which holds group 0's, in group order: the same sums on
    /// any number of threads (each element is added up by one thread).
    static func addPartials(_ partials: UnsafePointer<Float>, groups: Int, floats: Int, into result: UnsafeMutablePointer<Float>) {
        guard groups > 1 else { return }
        Kernels.parallelChunks(floats, minimum: Swift.max(1, Kernels.parallelThreshold / groups)) { range in
            // Blocks of 1,024 floats, so the running sums stay in cache across the groups.
            for start in Swift.stride(from: range.lowerBound, to: range.upperBound, by: 1024) {
                let end = Swift.min(start + 1024, range.upperBound)
                for group in 1..<groups {
                    let partial = partials + (group - 1) * floats
                    for index in start..<end { result[index] += partial[index] }
                }
            }
        }
    }
}
