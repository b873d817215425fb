import Foundation

/// Runs the upstream flow on a background thread, ahead of the consumer, through a
/// bounded queue (tensorpack's `MultiProcessRunner`, with a thread).
///
/// Order and contents are those of the upstream flow. The upstream pass is created on the
/// consumer's thread in `makeIterator()` (so its random choices happen in a fixed order),
/// then handed to the worker, which starts at the first `next()`. An upstream error
/// reaches the consumer after the datapoints before it. Releasing the iterator early
/// stops the worker and waits for it to exit.
public final class PrefetchData<Upstream: DataFlow>: DataFlow {
    /// The input flow.
    public let upstream: Upstream
    /// The queue capacity.
    public let bufferSize: Int
    let workers = WorkerCount()

    /// Creates a prefetching flow.
    /// - Parameters:
    ///   - upstream: The input flow.
    ///   - bufferSize: Datapoints the queue holds, > 0.
    /// - Throws: `DataFlowError.invalidArgument` if `bufferSize` < 1.
    public init(_ upstream: Upstream, bufferSize: Int) throws {
        guard bufferSize > 0 else { throw DataFlowError.invalidArgument("prefetch buffer size must be at least 1, got \(bufferSize)") }
        self.upstream = upstream
        self.bufferSize = bufferSize
    }

    /// Worker threads of this flow running now (0 once every iterator is released).
    public var activeWorkerCount: Int { workers.current }

    /// The upstream count.
    public var count: Int? { upstream.count }

    /// Resets the upstream flow.
    public func resetState() throws { try upstream.resetState() }

    /// Starts a pass (the worker starts at the first `next()`).
    public func makeIterator() -> Iterator {
        Iterator(channel: PrefetchChannel(source: upstream.makeIterator(), capacity: bufferSize, workers: workers))
    }

    /// The upstream state.
    public var state: FlowState { FlowState(kind: "prefetch", upstream: [upstream.state]) }

    /// Restores the upstream state.
    public func restore(_ state: FlowState) throws {
        try state.check(kind: "prefetch", upstreamCount: 1)
        try upstream.restore(state.upstream[0])
    }

    /// The iterator of `PrefetchData`; releasing it stops its worker.
    public final class Iterator: DataFlowIterator {
        let channel: PrefetchChannel<Upstream.Iterator>

        init(channel: PrefetchChannel<Upstream.Iterator>) { self.channel = channel }

        deinit { channel.stop() }

        /// The next datapoint from the queue (waits for the worker if it is empty).
        public func next() throws -> Datapoint? { try channel.take() }

        /// Skips cheaply before the worker starts (resume), else by taking datapoints.
        public func skip(_ count: Int) throws -> Int {
            if let skipped = try channel.skipBeforeStart(count) { return skipped }
            var skipped = 0
            while skipped < count, try next() != nil { skipped += 1 }
            return skipped
        }
    }
}

/// The queue between a prefetch worker and its consumer.
///
/// `@unchecked Sendable`: every mutable field except `source` is read and written only
/// while holding `condition`; `source` is used by the consumer thread before `start()` and
/// only by the worker thread after it, never by both. The worker releases `source` before
/// it signals its exit, so an upstream parallel flow is shut down when `stop()` returns
/// (the `Thread` object may keep this channel alive a little longer).
final class PrefetchChannel<Source: DataFlowIterator>: WorkerBody, @unchecked Sendable {
    private let condition = NSCondition()
    private var source: Source?
    private let capacity: Int
    private let workers: WorkerCount
    private var queue: [Datapoint] = []
    private var head = 0
    private var failure: (any Error)?
    private var finished = false
    private var stopping = false
    private var started = false
    private var workerRunning = false

    init(source: Source, capacity: Int, workers: WorkerCount) {
        self.source = source
        self.capacity = capacity
        self.workers = workers
    }

    /// Skips on the consumer thread if the worker has not started; nil otherwise.
    func skipBeforeStart(_ count: Int) throws -> Int? {
        condition.lock()
        let canSkip = !started
        condition.unlock()
        return canSkip ? try source?.skip(count) ?? 0 : nil
    }

    /// Takes the next datapoint, starting the worker on first use.
    func take() throws -> Datapoint? {
        condition.lock()
        defer { condition.unlock() }
        if !started { startLocked() }
        while head == queue.count, !finished { condition.wait() }
        if head < queue.count {
            let item = queue[head]
            head += 1
            if head > 64, head * 2 > queue.count {
                queue.removeFirst(head)
                head = 0
            }
            condition.broadcast()
            return item
        }
        if let error = failure {
            failure = nil
            throw error
        }
        return nil
    }

    /// Stops the worker and waits until it has exited.
    func stop() {
        condition.lock()
        stopping = true
        condition.broadcast()
        while workerRunning { condition.wait() }
        condition.unlock()
    }

    private func startLocked() {
        started = true
        workerRunning = true
        workers.started()
        WorkerThread.start(name: "loom.prefetch", self)
    }

    /// The worker loop: fills the queue until the pass ends, fails or is stopped.
    func run() {
        defer {
            source = nil
            condition.lock()
            workerRunning = false
            workers.ended()
            condition.broadcast()
            condition.unlock()
        }
        while true {
            condition.lock()
            let stop = stopping
            condition.unlock()
            if stop { return }
            let item: Datapoint?
            do {
                item = try source?.next()
            } catch {
                condition.lock()
                failure = error
                finished = true
                condition.broadcast()
                condition.unlock()
                return
            }
            condition.lock()
            guard let item else {
                finished = true
                condition.broadcast()
                condition.unlock()
                return
            }
            while queue.count - head >= capacity, !stopping { condition.wait() }
            if stopping {
                condition.unlock()
                return
            }
            queue.append(item)
            condition.broadcast()
            condition.unlock()
        }
    }
}
