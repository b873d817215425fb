import Foundation

/// Queries the GPUs in a background thread: once at once, then every `interval` seconds
/// until ``stop()``. The training thread only ever waits a bounded time for it.
/// `@unchecked Sendable`: the mutable fields are only touched under `lock`.
final class GPUSampler: @unchecked Sendable {
    private let lock = NSLock()
    private let wake = DispatchSemaphore(value: 0)
    private let done = DispatchSemaphore(value: 0)
    private var stopped = false
    private var readings: [[GPUReading]] = []
    private var failures: [GPUQueryError] = []
    private var gaveUp = false

    private var failuresInARow: Int

    /// Starts sampling every `interval` seconds. A failed query skips that sample; after
    /// `maxConsecutiveFailures` failures in a row (counting `failuresInARow` from before,
    /// e.g. the previous epoch's sampler) the sampler gives up.
    init(interval: Double, failuresInARow: Int = 0, maxConsecutiveFailures: Int = 3,
         query: @escaping @Sendable () throws(GPUQueryError) -> [GPUReading]) {
        self.failuresInARow = failuresInARow
        let thread = Thread { [self] in
            var consecutive = failuresInARow
            repeat {
                do throws(GPUQueryError) {
                    let sample = try query()
                    consecutive = 0
                    lock.withLock {
                        readings.append(sample)
                        self.failuresInARow = 0
                    }
                } catch {
                    let caught: GPUQueryError = error
                    consecutive += 1
                    let giveUp = consecutive >= maxConsecutiveFailures
                    lock.withLock {
                        failures.append(caught)
                        self.failuresInARow = consecutive
                        gaveUp = giveUp
                    }
                    if giveUp { break }
                }
            } while wake.wait(timeout: .now() + interval) == .timedOut && !lock.withLock({ stopped })
            done.signal()
        }
        thread.name = "loom.gpu-tracker"
        thread.start()
    }

    /// Stops sampling, waiting at most `seconds` for a query in flight.
    /// - Returns: the samples, every failed query, the failures in a row at the end, whether
    ///   the sampler gave up, and whether the thread finished within the wait.
    func stop(waiting seconds: Double) -> (samples: [[GPUReading]], failures: [GPUQueryError], failuresInARow: Int, gaveUp: Bool, finished: Bool) {
        lock.withLock { stopped = true }
        wake.signal()
        let finished = done.wait(timeout: .now() + max(0, seconds)) == .success
        return lock.withLock { (readings, failures, failuresInARow, gaveUp, finished) }
    }
}
