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
    private var failure: GPUQueryError?

    /// Starts sampling with `query` every `interval` seconds.
    init(interval: Double, query: @escaping @Sendable () throws(GPUQueryError) -> [GPUReading]) {
        let thread = Thread { [self] in
            repeat {
                do throws(GPUQueryError) {
                    let sample = try query()
                    lock.withLock { readings.append(sample) }
                } catch {
                    let caught: GPUQueryError = error
                    lock.withLock { failure = caught }
                    break
                }
            } while wake.wait(timeout: .now() + interval) == .timedOut && !lock.withLock({ stopped })
            done.signal()
        }
        thread.name = "loom.gpu-tracker"
        thread.start()
    }

    /// Asks the thread to stop and waits up to `seconds` for its query in flight.
    /// - Returns: the samples so far and the failure, if any. A query still running after
    ///   the wait is abandoned (its own timeout kills the tool).
    func stop(waiting seconds: Double) -> (samples: [[GPUReading]], failure: GPUQueryError?, finished: Bool) {
        lock.withLock { stopped = true }
        wake.signal()
        let finished = done.wait(timeout: .now() + max(0, seconds)) == .success
        return lock.withLock { (readings, failure, finished) }
    }
}
