import Foundation

/// The worker threads of one ``DataParallelInferenceRunner`` pass.
///
/// `@unchecked Sendable`: the pool is shared by the calling thread and its worker
/// threads; every mutable field is read and written only while holding `condition`,
/// and each replica is taken out by exactly one worker, which alone uses it.
final class InferenceWorkerPool<Batch>: @unchecked Sendable {
    private let condition = NSCondition()
    private let fetches: [String]
    private var replicas: [(any InferenceReplica<Batch>)?]
    /// Batches not yet taken; at most `2 × workers`, so removing the first is cheap.
    private var queue: [(index: Int, batch: Batch)] = []
    private var results: [Int: (outputs: StepOutputs, batchSize: Int)] = [:]
    private var failure: InferenceError?
    private var closed = false
    private var running = 0

    private init(replicas: [any InferenceReplica<Batch>], fetches: [String]) {
        self.replicas = replicas
        self.fetches = fetches
    }

    /// Reads `source` on the calling thread, evaluates the batches on `workers` threads
    /// and calls `body` with each result in batch order on the calling thread. Every
    /// worker has returned and released its replica when this returns or throws.
    static func run<Source: ParallelInferenceSource>(source: Source, workers: Int, fetches: [String],
                                                     _ body: (StepOutputs, Int) throws -> Void) throws where Source.Batch == Batch {
        var replicas: [any InferenceReplica<Batch>] = []
        for _ in 0..<workers { replicas.append(try source.makeReplica()) }
        let pool = InferenceWorkerPool(replicas: replicas, fetches: fetches)
        replicas.removeAll()
        pool.start()
        defer { pool.shutDown() }

        let capacity = 2 * workers
        var produced = 0
        var merged = 0
        try source.forEachInput { batch in
            while produced - merged >= capacity {
                let result = try pool.take(merged)
                try body(result.outputs, result.batchSize)
                merged += 1
            }
            try pool.submit(produced, batch)
            produced += 1
        }
        while merged < produced {
            let result = try pool.take(merged)
            try body(result.outputs, result.batchSize)
            merged += 1
        }
    }

    private func start() {
        condition.lock()
        running = replicas.count
        condition.unlock()
        for worker in replicas.indices {
            let thread = Thread { [self] in work(worker) }
            thread.name = "loom-inference-\(worker)"
            thread.start()
        }
    }

    /// Queues batch `index` for the workers.
    /// - Throws: the first worker failure, so the reader stops early.
    private func submit(_ index: Int, _ batch: Batch) throws {
        condition.lock()
        defer { condition.unlock() }
        if let failure { throw failure }
        queue.append((index, batch))
        condition.broadcast()
    }

    /// Waits for the result of batch `index` and removes it.
    /// - Throws: the first worker failure.
    private func take(_ index: Int) throws -> (outputs: StepOutputs, batchSize: Int) {
        condition.lock()
        defer { condition.unlock() }
        while true {
            if let failure { throw failure }
            if let result = results.removeValue(forKey: index) { return result }
            condition.wait()
        }
    }

    /// Stops handing out batches and waits until every worker has returned.
    private func shutDown() {
        condition.lock()
        closed = true
        queue.removeAll()
        condition.broadcast()
        while running > 0 { condition.wait() }
        results.removeAll()
        condition.unlock()
    }

    private func work(_ worker: Int) {
        serve(worker)
        condition.lock()
        replicas[worker] = nil
        running -= 1
        condition.broadcast()
        condition.unlock()
    }

    private func serve(_ worker: Int) {
        condition.lock()
        let replica = replicas[worker]
        condition.unlock()
        guard let replica else { return }
        while let (index, batch) = next() {
            do {
                let result = try replica.infer(batch, fetches: fetches)
                condition.lock()
                results[index] = result
                condition.broadcast()
                condition.unlock()
            } catch {
                condition.lock()
                if failure == nil { failure = .workerFailed(worker: worker, batch: index, message: "\(error)") }
                closed = true
                condition.broadcast()
                condition.unlock()
                return
            }
        }
    }

    /// The next queued batch, or `nil` once the pool is closed or failed.
    private func next() -> (Int, Batch)? {
        condition.lock()
        defer { condition.unlock() }
        while true {
            if closed || failure != nil { return nil }
            if !queue.isEmpty {
                let item = queue.removeFirst()
                return (item.index, item.batch)
            }
            condition.wait()
        }
    }
}
