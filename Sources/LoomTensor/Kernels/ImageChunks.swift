import Dispatch

/// Runs a convolution's work over chunks of its batch, each with one scratch buffer that
/// every chunk of a thread reuses.
///
/// The chunk boundaries depend only on the batch and the chunk size, never on the thread
/// count, so a kernel whose chunks are computed the same way on any thread gives the same
/// results on any number of threads.
enum ImageChunks {
    /// Runs `body(firstImage, imageCount, buffer, parallel)` for chunks of `imagesPerChunk`
    /// images (the last may be smaller); `buffer` holds `bufferFloats` floats.
    ///
    /// With `concurrently` and several kernel threads and chunks, each thread takes every
    /// `threads`-th chunk with its own buffer and runs BLAS on one thread; `parallel` is
    /// then false. Otherwise the chunks run one after another on the calling thread and
    /// `parallel` is true: the body may spread its own work over the threads.
    static func run(batch: Int, imagesPerChunk: Int, bufferFloats: Int, concurrently: Bool,
                    _ body: (Int, Int, UnsafeMutablePointer<Float>, Bool) -> Void) {
        let workers = concurrently ? Swift.min(Kernels.threadCount, (batch + imagesPerChunk - 1) / imagesPerChunk) : 1
        guard workers > 1 else {
            runChunks(batch: batch, imagesPerChunk: imagesPerChunk, bufferFloats: bufferFloats, worker: 0, of: 1) { body($0, $1, $2, true) }
            return
        }
        withoutActuallyEscaping(body) { body in
            let work = UncheckedSendable(body)
            Kernels.withSingleThreadedBLAS {
                DispatchQueue.concurrentPerform(iterations: workers) { worker in
                    runChunks(batch: batch, imagesPerChunk: imagesPerChunk, bufferFloats: bufferFloats, worker: worker, of: workers) {
                        work.value($0, $1, $2, false)
                    }
                }
            }
        }
    }

    /// Runs `body` over chunks `worker`, `worker + workers`, … with a buffer of its own
    /// (64-byte aligned, from the tensor buffer pool).
    private static func runChunks(batch: Int, imagesPerChunk: Int, bufferFloats: Int, worker: Int, of workers: Int,
                                  _ body: (Int, Int, UnsafeMutablePointer<Float>) -> Void) {
        BufferPool.shared.withFloats(bufferFloats) { buffer in
            var first = worker * imagesPerChunk
            while first < batch {
                body(first, Swift.min(imagesPerChunk, batch - first), buffer)
                first += workers * imagesPerChunk
            }
        }
    }
}
