import Synchronization

/// Counts the worker threads of a parallel flow that are running right now.
///
/// A worker increments it when it starts and decrements it as the last thing it does; an
/// iterator's `deinit` waits for its workers, so the count is back to zero once every
/// iterator of the flow has been released (the no-leak tests check this).
final class WorkerCount: Sendable {
    private let value = Mutex(0)

    /// Workers running now.
    var current: Int { value.withLock { $0 } }

    func started() { value.withLock { $0 += 1 } }

    func ended() { value.withLock { $0 -= 1 } }
}
