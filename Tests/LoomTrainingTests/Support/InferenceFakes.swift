import Foundation
@testable import LoomTraining

/// A validation source with known per-sample outputs, cut into batches of given sizes.
/// Outputs: `wrong-top1`, `wrong-top5`, `pred`, `label` (one value per sample) and `cost`
/// (the batch's mean of the per-sample losses). Works for both runners.
final class FakeInferenceSource: ParallelInferenceSource {
    struct Batch {
        var index: Int
        var range: Range<Int>
    }

    /// What the source saw when it produced one batch (on the reading thread).
    struct Observation: Equatable {
        var globalStep: Int
        var trainingSteps: Int
        var events: Int
    }

    struct Failure: Error, CustomStringConvertible {
        var batch: Int
        var description: String { "fake replica failure on batch \(batch)" }
    }

    var wrongTop1: [Float] = [1, 0, 0, 1, 0, 1, 0, 0, 1, 1]
    var wrongTop5: [Float] = [0, 0, 0, 1, 0, 0, 0, 0, 1, 0]
    var predictions: [Float] = [1, 1, 0, 0, 1, 0, 1, 0, 0, 1]
    var labels: [Float] = [1, 0, 1, 0, 1, 1, 0, 1, 0, 1]
    var losses: [Double] = [1, 1, 1, 1, 2, 2, 2, 2, 4, 4]
    var batchSizes = [4, 4, 2]
    var declaredSamples: Int? = 10
    var failOnBatch: Int?
    var clock: ManualClock?
    var secondsPerBatch = 0.0
    /// Read while producing batches, to prove a pass changes none of them.
    var loop: LoopState?
    var backend: FakeBackend?
    var events: EventLog?
    private(set) var observations: [Observation] = []
    private(set) var passes = 0

    private let lock = NSLock()
    private var liveReplicaCount = 0
    private var replicasMade = 0
    private var evalModes: [Bool] = []
    private var fetchLists: [[String]] = []

    var outputNames: Set<String> { ["wrong-top1", "wrong-top5", "pred", "label", "cost"] }
    var sampleCount: Int? { declaredSamples }

    /// Replicas alive now (each is released at the end of a pass).
    var liveReplicas: Int { lock.withLock { liveReplicaCount } }
    /// Replicas made so far.
    var madeReplicas: Int { lock.withLock { replicasMade } }
    /// Whether each inferred batch ran in evaluation mode.
    var modes: [Bool] { lock.withLock { evalModes } }
    /// The fetches of each inferred batch.
    var fetches: [[String]] { lock.withLock { fetchLists } }

    func forEachInput(_ body: (Batch) throws -> Void) throws {
        passes += 1
        var start = 0
        for (index, size) in batchSizes.enumerated() {
            observations.append(Observation(globalStep: loop?.globalStep ?? -1, trainingSteps: backend?.steps ?? -1,
                                            events: events?.entries.count ?? -1))
            try body(Batch(index: index, range: start..<(start + size)))
            clock?.advance(by: secondsPerBatch)
            start += size
        }
    }

    func makeReplica() throws -> any InferenceReplica<Batch> {
        lock.withLock {
            liveReplicaCount += 1
            replicasMade += 1
        }
        return Replica(source: self)
    }

    fileprivate func replicaReleased() { lock.withLock { liveReplicaCount -= 1 } }

    fileprivate func record(evalMode: Bool, fetches: [String]) {
        lock.withLock {
            evalModes.append(evalMode)
            fetchLists.append(fetches)
        }
    }

    /// The evaluation model's copy: made in evaluation mode, as the contract requires.
    final class Replica: InferenceReplica {
        let source: FakeInferenceSource
        let isEvalMode = true

        init(source: FakeInferenceSource) { self.source = source }
        deinit { source.replicaReleased() }

        func infer(_ batch: Batch, fetches: [String]) throws -> (outputs: StepOutputs, batchSize: Int) {
            source.record(evalMode: isEvalMode, fetches: fetches)
            if source.failOnBatch == batch.index { throw Failure(batch: batch.index) }
            let range = batch.range
            var outputs = StepOutputs()
            for name in fetches {
                switch name {
                case "wrong-top1": outputs.values[name] = .array(shape: [range.count], values: Array(source.wrongTop1[range]))
                case "wrong-top5": outputs.values[name] = .array(shape: [range.count], values: Array(source.wrongTop5[range]))
                case "pred": outputs.values[name] = .array(shape: [range.count], values: Array(source.predictions[range]))
                case "label": outputs.values[name] = .array(shape: [range.count], values: Array(source.labels[range]))
                case "cost":
                    var sum = 0.0
                    for loss in source.losses[range] { sum += loss }
                    outputs.values[name] = .scalar(sum / Double(range.count))
                default: break
                }
            }
            return (outputs, range.count)
        }
    }
}

/// A min-saver-like consumer: records the latest value of a stat each time it triggers.
final class StatReader: Callback {
    let stat: String
    private(set) var seen: [StatPoint?] = []
    private var context: TrainerContext?

    init(_ stat: String) { self.stat = stat }

    var name: String { "StatReader(\(stat))" }
    var stepEvents: StepEvents { [] }
    var consumedStats: [String] { [stat] }
    func setUp(_ context: TrainerContext) throws { self.context = context }
    func trigger() throws { seen.append(context?.monitors.latestPoint(stat)) }
}

extension Harness {
    /// A context outside a trainer (global step 0), for driving a runner by hand.
    func inferenceContext(backend: FakeBackend) -> TrainerContext {
        let environment = environment()
        let loop = LoopState(stepsPerEpoch: 0, startEpoch: 1, maxEpoch: 1)
        let logger = TrainerLog(environment: environment, level: .info, terminal: .outputSink).logger
        return TrainerContext(loop: loop, monitors: Monitors(loop: loop), hyperparameters: Hyperparameters(backend: backend),
                              logger: logger, logDirectory: nil, environment: environment, backend: backend)
    }
}
