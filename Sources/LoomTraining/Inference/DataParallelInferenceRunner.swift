/// An ``InferenceRunner`` that evaluates the batches on several worker threads, each with
/// its own ``InferenceReplica`` of the evaluation model (tensorpack
/// `DataParallelInferenceRunner`).
///
/// The calling thread reads the batches (``ParallelInferenceSource/forEachInput(_:)``)
/// and hands them out; the workers run the model; the results are fed to the
/// inferencers **in batch order** on the calling thread, so the stats are bitwise
/// identical to an ``InferenceRunner``'s on the same source. At most `2 × workers`
/// batches are in flight. The workers are started at the beginning of each pass and
/// have all returned, and released their replicas, when the pass ends (also after an
/// error). A worker's error stops the pass and surfaces as
/// ``InferenceError/workerFailed(worker:batch:message:)``.
///
/// Everything else (eval contract, prefixes, setup checks, output) is as for
/// ``InferenceRunner``.
public final class DataParallelInferenceRunner: Callback, InferenceStatProducer {
    /// The number of worker threads.
    public let workers: Int
    private let pass: InferencePass
    private let outputNames: () -> Set<String>
    private let sampleCount: () -> Int?
    private let runBatches: (_ fetches: [String], _ workers: Int, _ body: (StepOutputs, Int) throws -> Void) throws -> Void

    /// Creates a runner.
    /// - Parameters:
    ///   - source: the validation data and the evaluation model's replicas.
    ///   - inferencers: turn the batches' outputs into stats.
    ///   - workers: the number of worker threads (at least 1).
    ///   - prefix: when given, every stat is put as `<prefix>/<stat>`.
    public init<Source: ParallelInferenceSource>(_ source: Source, _ inferencers: [any Inferencer], workers: Int,
                                                 prefix: String? = nil) {
        self.workers = workers
        pass = InferencePass(runnerName: prefix.map { "DataParallelInferenceRunner(\($0))" } ?? "DataParallelInferenceRunner",
                             inferencers: inferencers, prefix: prefix)
        outputNames = { source.outputNames }
        sampleCount = { source.sampleCount }
        runBatches = { fetches, workers, body in
            try InferenceWorkerPool<Source.Batch>.run(source: source, workers: workers, fetches: fetches, body)
        }
    }

    public var name: String { pass.runnerName }
    public var chiefOnly: Bool { false }
    public var stepEvents: StepEvents { [] }
    public var producedStats: [String] { pass.statNames }
    /// The inferencers, in order.
    public var inferencers: [any Inferencer] { pass.inferencers }

    /// Validates the worker count, the fetches and the stat names.
    /// - Throws: ``TrainerError/invalidConfiguration(_:)`` for fewer than one worker, or
    ///   the errors of ``InferenceRunner/setUp(_:)``.
    public func setUp(_ context: TrainerContext) throws {
        guard workers >= 1 else {
            throw TrainerError.invalidConfiguration("\(name) needs at least 1 worker, got \(workers)")
        }
        try pass.setUp(context, outputNames: outputNames())
    }

    /// Runs one validation pass on the workers and puts the results.
    /// - Throws: ``InferenceError/workerFailed(worker:batch:message:)``, the data's or an
    ///   inferencer's error, or a monitor's.
    public func trigger() throws {
        let fetches = pass.fetches
        let workers = self.workers
        let runBatches = self.runBatches
        try pass.run(declaredSamples: sampleCount()) { body in try runBatches(fetches, workers, body) }
    }
}
