import Foundation
import Testing
@testable import LoomTraining

@Suite struct DataParallelInferenceRunnerTests {
    /// 11 batches of uneven sizes (57 samples) with irrational-looking values, so any
    /// change in the order of the floating-point sums would show in the last bits.
    private func source() -> FakeInferenceSource {
        let source = FakeInferenceSource()
        source.batchSizes = [7, 3, 8, 5, 6, 1, 9, 4, 2, 7, 5]
        let count = source.batchSizes.reduce(0, +)
        source.declaredSamples = count
        source.losses = (0..<count).map { sin(Double($0) * 1.7) * 3.1 + 4.3 }
        source.wrongTop1 = (0..<count).map { Float(($0 * 7) % 3 == 0 ? 1 : 0) }
        source.wrongTop5 = (0..<count).map { Float(($0 * 5) % 7 == 0 ? 1 : 0) }
        source.predictions = (0..<count).map { Float(($0 % 4) == 1 ? 0.8 : 0.1) }
        source.labels = (0..<count).map { Float(($0 % 3) == 1 ? 1 : 0) }
        return source
    }

    private func inferencers() -> [any Inferencer] {
        [ClassificationError(wrongName: "wrong-top1", summaryName: "val-error-top1"),
         ClassificationError(wrongName: "wrong-top5", summaryName: "val-error-top5"),
         ScalarStats(["cost"]),
         BinaryClassificationStats(predName: "pred", labelName: "label")]
    }

    private func stats(_ callback: any Callback, epochs: Int = 2) throws -> (Harness, Trainer, [String: [StatPoint]]) {
        let harness = try Harness()
        let trainer = Trainer(harness.config(FakeBackend(), callbacks: [callback], stepsPerEpoch: 2, maxEpoch: epochs))
        _ = try trainer.train()
        var result: [String: [StatPoint]] = [:]
        for name in callback.producedStats { result[name] = trainer.monitors.history(name) }
        return (harness, trainer, result)
    }

    @Test func equalsTheSingleRunnerBitForBit() throws {
        let single = try stats(InferenceRunner(source(), inferencers())).2
        let parallelSource = source()
        let parallel = try stats(DataParallelInferenceRunner(parallelSource, inferencers(), workers: 3)).2
        #expect(Set(single.keys) == ["val-error-top1", "val-error-top5", "validation_cost", "val_precision", "val_recall"])
        #expect(parallel.keys.sorted() == single.keys.sorted())
        for (name, points) in single {
            let other = parallel[name] ?? []
            #expect(points.count == 2 && other.count == 2, "\(name)")
            #expect(points.map(\.globalStep) == other.map(\.globalStep), "\(name)")
            #expect(points.map(\.value.bitPattern) == other.map(\.value.bitPattern), "\(name): \(points) vs \(other)")
        }
        // The sample-weighted mean is the plain mean over all 57 samples (up to rounding).
        let losses = source().losses
        let mean = losses.reduce(0, +) / Double(losses.count)
        #expect(abs((single["validation_cost"]?.last?.value ?? 0) - mean) < 1e-12)
        #expect(single["val-error-top1"]?.last?.value == Double(source().wrongTop1.reduce(0, +)) / 57)
        // Three replicas per pass, all released when the pass ended; 11 batches per pass.
        #expect(parallelSource.madeReplicas == 6)
        #expect(parallelSource.liveReplicas == 0)
        #expect(parallelSource.modes.count == 22 && parallelSource.modes.allSatisfy { $0 })
        #expect(parallelSource.passes == 2)
    }

    @Test func moreWorkersThanBatchesAndOneWorkerGiveTheSameResult() throws {
        let reference = try stats(InferenceRunner(source(), inferencers()), epochs: 1).2
        for workers in [1, 2, 16] {
            let result = try stats(DataParallelInferenceRunner(source(), inferencers(), workers: workers), epochs: 1).2
            for (name, points) in reference {
                #expect(points.map(\.value.bitPattern) == (result[name] ?? []).map(\.value.bitPattern), "\(name), \(workers) workers")
            }
        }
    }

    @Test func aWorkerErrorSurfacesWithItsMessage() throws {
        let harness = try Harness()
        let failing = source()
        failing.failOnBatch = 7
        let runner = DataParallelInferenceRunner(failing, inferencers(), workers: 3)
        let trainer = Trainer(harness.config(FakeBackend(), callbacks: [runner], stepsPerEpoch: 1, maxEpoch: 3))
        do {
            _ = try trainer.train()
            Issue.record("expected the worker's error")
        } catch let error as InferenceError {
            guard case let .workerFailed(worker, batch, message) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect((0..<3).contains(worker))
            #expect(batch == 7)
            #expect(message == "fake replica failure on batch 7")
            #expect(error.description == "inference worker \(worker) failed on batch 7: fake replica failure on batch 7")
        }
        // The first pass failed: training stopped, and every worker returned and released its replica.
        #expect(trainer.loop.epochNumber == 1)
        #expect(failing.passes == 1)
        #expect(failing.liveReplicas == 0)
        #expect(trainer.monitors.statNames == [])
    }

    @Test func anInferencerErrorStopsThePassAndTheWorkers() throws {
        let harness = try Harness()
        let data = source()
        let runner = DataParallelInferenceRunner(data, [FailingInferencer(failOnBatch: 5)], workers: 3)
        let trainer = Trainer(harness.config(FakeBackend(), callbacks: [runner], stepsPerEpoch: 1, maxEpoch: 2))
        #expect(throws: FailingInferencer.Failure()) { try trainer.train() }
        #expect(data.liveReplicas == 0)
        #expect(data.madeReplicas == 3)
    }

    @Test func fewerThanOneWorkerIsRejectedAtSetup() throws {
        let harness = try Harness()
        let runner = DataParallelInferenceRunner(source(), inferencers(), workers: 0, prefix: "val")
        #expect(throws: TrainerError.invalidConfiguration("DataParallelInferenceRunner(val) needs at least 1 worker, got 0")) {
            try Trainer(harness.config(FakeBackend(), callbacks: [runner])).train()
        }
    }

    @Test func clashesWithASingleRunnerProducingTheSameStat() throws {
        let harness = try Harness()
        let single = InferenceRunner(source(), [ClassificationError()])
        let parallel = EnableCallbackIf(DataParallelInferenceRunner(source(), [ClassificationError()], workers: 2)) { _ in true }
        #expect(throws: InferenceError.duplicateStat(stat: "val-error-top1", producers: ["InferenceRunner", "DataParallelInferenceRunner"])) {
            try Trainer(harness.config(FakeBackend(), callbacks: [single, parallel])).train()
        }
    }
}

/// Throws when it receives batch `failOnBatch` (0-based).
private final class FailingInferencer: Inferencer {
    struct Failure: Error, Equatable {}
    let failOnBatch: Int
    private var batches = 0

    init(failOnBatch: Int) { self.failOnBatch = failOnBatch }

    var fetches: [String] { ["cost"] }
    var statNames: [String] { ["failing"] }
    func beforeInference() throws { batches = 0 }
    func onBatch(_ outputs: StepOutputs, batchSize: Int) throws {
        if batches == failOnBatch { throw Failure() }
        batches += 1
    }
    func afterInference() throws -> [String: Double] { ["failing": 0] }
}
