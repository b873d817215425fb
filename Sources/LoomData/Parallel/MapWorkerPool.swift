import Foundation

/// The worker threads and result buffer of one `MultiThreadMapData` pass.
///
/// `@unchecked Sendable`: every mutable field, `source` included, is read and written
/// only while holding `condition` (before `start`, the consumer holds it too). `stop()`
/// releases `source` once the workers have exited, so an upstream parallel flow is shut
/// down when it returns (the `Thread` objects may keep this pool alive a little longer).
final class MapWorkerPool<Source: DataFlowIterator>: WorkerBody, @unchecked Sendable {
    private let condition = NSCondition()
    private var source: Source?
    private let function: @Sendable (Datapoint, inout SeededGenerator) throws -> Datapoint
    private let base: UInt64
    private let threads: Int
    private let capacity: Int
    private let ordered: Bool
    private let workers: WorkerCount

    private var pulled = 0
    private var delivered = 0
    private var nextToDeliver = 0
    private var upstreamDone = false
    private var failed = false
    private var stopping = false
    private var started = false
    private var running = 0
    private var byIndex: [Int: Result<Datapoint, any Error>] = [:]
    private var arrivals: [Result<Datapoint, any Error>] = []

    init(source: Source, function: @escaping @Sendable (Datapoint, inout SeededGenerator) throws -> Datapoint,
         base: UInt64, threads: Int, capacity: Int, ordered: Bool, workers: WorkerCount) {
        self.source = source
        self.function = function
        self.base = base
        self.threads = threads
        self.capacity = capacity
        self.ordered = ordered
        self.workers = workers
    }

    /// Skips upstream datapoints without mapping them, if no worker has started; else nil.
    func skipBeforeStart(_ count: Int) throws -> Int? {
        condition.lock()
        defer { condition.unlock() }
        guard !started else { return nil }
        let skipped = try source?.skip(count) ?? 0
        pulled += skipped
        delivered += skipped
        nextToDeliver += skipped
        return skipped
    }

    /// The next result (in order when `ordered`), waiting for the workers.
    func take() throws -> Datapoint? {
        condition.lock()
        defer { condition.unlock() }
        if !started { startLocked() }
        while true {
            if failed { return nil }
            if let result = nextResultLocked() {
                delivered += 1
                condition.broadcast()
                switch result {
                case let .success(datapoint):
                    return datapoint
                case let .failure(error):
                    failed = true
                    stopping = true
                    throw error
                }
            }
            if upstreamDone, delivered == pulled { return nil }
            condition.wait()
        }
    }

    /// Stops the workers and waits until all have exited.
    func stop() {
        condition.lock()
        stopping = true
        condition.broadcast()
        while running > 0 { condition.wait() }
        let released = source
        source = nil
        condition.unlock()
        _ = consume released
    }

    private func nextResultLocked() -> Result<Datapoint, any Error>? {
        if ordered {
            guard let result = byIndex.removeValue(forKey: nextToDeliver) else { return nil }
            nextToDeliver += 1
            return result
        }
        return arrivals.isEmpty ? nil : arrivals.removeFirst()
    }

    private func startLocked() {
        started = true
        for _ in 0..<threads {
            running += 1
            workers.started()
            WorkerThread.start(name: "loom.map", self)
        }
    }

    private func storeLocked(_ result: Result<Datapoint, any Error>, at index: Int) {
        if ordered { byIndex[index] = result } else { arrivals.append(result) }
        condition.broadcast()
    }

    /// One worker's loop: take a datapoint, map it outside the lock, store the result.
    func run() {
        condition.lock()
        defer {
            running -= 1
            workers.ended()
            condition.broadcast()
            condition.unlock()
        }
        while true {
            while !stopping, !upstreamDone, pulled - delivered >= capacity { condition.wait() }
            if stopping || upstreamDone { return }
            let index = pulled
            let item: Datapoint?
            do {
                item = try source?.next()
            } catch {
                upstreamDone = true
                pulled += 1
                storeLocked(.failure(error), at: index)
                return
            }
            guard let item else {
                upstreamDone = true
                condition.broadcast()
                return
            }
            pulled += 1
            condition.unlock()
            var generator = SeededGenerator(seed: SeededGenerator.mix(base, UInt64(index)))
            let function = self.function
            let result = Result { try function(item, &generator) }
            condition.lock()
            storeLocked(result, at: index)
        }
    }
}
