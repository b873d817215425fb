import Foundation
import Testing
@testable import LoomTraining

@Suite struct DefaultCallbacksTests {
    private func ema(_ values: [Double]) -> Double {
        var biased = 0.0, power = 1.0
        for value in values {
            biased = 0.95 * biased + (1 - 0.95) * value
            power *= 0.95
        }
        return biased / (1 - power)
    }

    @Test func movingAverageMatchesAHandComputation() throws {
        let harness = try Harness()
        let trainer = Trainer(harness.config(FakeBackend(), extra: [MovingAverageSummary(period: 2)], maxEpoch: 1))
        _ = try trainer.train()
        let b1 = (1 - 0.95) * 1.0
        let b2 = 0.95 * b1 + (1 - 0.95) * 0.5
        let b3 = 0.95 * b2 + (1 - 0.95) * (1.0 / 3.0)
        #expect(trainer.monitors.history("loss") == [
            StatPoint(globalStep: 2, value: b2 / (1 - 0.95 * 0.95)),
            StatPoint(globalStep: 3, value: b3 / (1 - 0.95 * 0.95 * 0.95)),
        ])
        #expect(abs(trainer.monitors.latest("loss")! - 0.5997663) < 1e-6)
    }

    @Test func runUpdateOpsControlsTheBackend() throws {
        let on = FakeBackend(), off = FakeBackend()
        _ = try Trainer(try Harness().config(on, extra: [RunUpdateOps()])).train()
        _ = try Trainer(try Harness().config(off)).train()
        #expect(on.updateOpsRuns == 6)
        #expect(off.updateOpsRuns == 0)
        #expect(on.requests.allSatisfy { $0.runUpdateOps && $0.fetches.isEmpty })
    }

    @Test func mergeAllSummariesAsksAtEachEpochsLastStep() throws {
        let backend = FakeBackend()
        let trainer = Trainer(try Harness().config(backend, extra: [MergeAllSummaries()]))
        _ = try trainer.train()
        #expect(backend.requests.map(\.summaries) == [false, false, true, false, false, true])
        #expect(trainer.monitors.history("weights/norm") == [StatPoint(globalStep: 3, value: 3), StatPoint(globalStep: 6, value: 6)])
    }

    @Test func throughputTrackerPutsStepsAndSamplesPerSecond() throws {
        let harness = try Harness()
        let backend = FakeBackend()
        backend.clock = harness.clock
        backend.secondsPerStep = 0.5
        let trainer = Trainer(harness.config(backend, extra: [ThroughputTracker(samplesPerStep: 32)], maxEpoch: 1))
        _ = try trainer.train()
        #expect(trainer.monitors.latest(ThroughputTracker.stepsStat) == 2)
        #expect(trainer.monitors.latest(ThroughputTracker.samplesStat) == 64)
    }

    @Test func estimatedTimeLeftUsesTheMedianEpoch() throws {
        let harness = try Harness()
        let backend = FakeBackend()
        backend.clock = harness.clock
        backend.secondsPerStep = 20
        _ = try Trainer(harness.config(backend, extra: [EstimatedTimeLeft()], maxEpoch: 3)).train()
        #expect(harness.messages.filter { $0.hasPrefix("Estimated") } == [
            "Estimated Time Left: 2 minutes", "Estimated Time Left: 1 minute",
        ])
    }

    @Test func progressBarWritesPlainLinesWhenNotATerminal() throws {
        let harness = try Harness()
        let backend = FakeBackend()
        backend.clock = harness.clock
        backend.secondsPerStep = 25
        _ = try Trainer(harness.config(backend, extra: [ProgressBar()], stepsPerEpoch: 6, maxEpoch: 1)).train()
        let third = String(format: "%.4g", ema([1, 0.5, 1.0 / 3]))
        let sixth = String(format: "%.4g", ema((1...6).map { 1 / Double($0) }))
        #expect(harness.output.lines.filter { $0.hasPrefix("Epoch 1 ") } == [
            "Epoch 1 3/6 50% [01:15<01:15, 25.00s/it, loss=\(third)]",
            "Epoch 1 6/6 100% [02:30<00:00, 25.00s/it, loss=\(sixth)]",
        ])
        #expect(!harness.output.text.contains("\r"))
    }

    @Test func progressBarPrintsTinyValuesAsZero() throws {
        let harness = try Harness()
        let backend = FakeBackend()
        backend.clock = harness.clock
        backend.secondsPerStep = 25
        backend.lossFactor = 1e-40
        _ = try Trainer(harness.config(backend, extra: [ProgressBar()], stepsPerEpoch: 6, maxEpoch: 1)).train()
        #expect(harness.output.lines.filter { $0.hasPrefix("Epoch 1 ") } == [
            "Epoch 1 3/6 50% [01:15<01:15, 25.00s/it, loss=0]",
            "Epoch 1 6/6 100% [02:30<00:00, 25.00s/it, loss=0]",
        ])
    }

    @Test func progressIntervalComesFromTheEnvironment() throws {
        let harness = try Harness()
        let backend = FakeBackend(movingAverageNames: [])
        backend.clock = harness.clock
        backend.secondsPerStep = 0.25
        let config = harness.config(backend, extra: [ProgressBar()], stepsPerEpoch: 8, maxEpoch: 1,
                                    variables: ["LOOM_PROGRESS_INTERVAL": "1"])
        _ = try Trainer(config).train()
        #expect(harness.output.lines.filter { $0.hasPrefix("Epoch 1 ") } == [
            "Epoch 1 4/8 50% [00:01<00:01, 4.00it/s]",
            "Epoch 1 8/8 100% [00:02<00:00, 4.00it/s]",
        ])
    }

    @Test func progressBarRedrawsInPlaceOnATerminal() throws {
        let harness = try Harness(terminal: true, columns: 60)
        let backend = FakeBackend(movingAverageNames: [])
        backend.clock = harness.clock
        backend.secondsPerStep = 0.25
        _ = try Trainer(harness.config(backend, extra: [ProgressBar()], stepsPerEpoch: 4, maxEpoch: 1)).train()
        let draws = harness.output.text.split(separator: "\r").map { String($0.prefix { $0 != "\n" }) }.filter { $0.contains("%|") }
        #expect(draws == [
            "  0%|                                | 0/4 [00:00<?, ?it/s]",
            " 50%|############5            | 2/4 [00:00<00:00, 4.00it/s]",
            "100%|#########################| 4/4 [00:01<00:00, 4.00it/s]",
            "100%|#########################| 4/4 [00:01<00:00, 4.00it/s]",
        ])
        #expect(draws.allSatisfy { $0.count == 59 })
        #expect(harness.output.text.contains("4.00it/s]\n["))
    }

    @Test func defaultListsMatchTensorpack() {
        #expect(defaultCallbacks().map(\.name) == ["MovingAverageSummary", "ProgressBar", "MergeAllSummaries", "RunUpdateOps"])
        #expect(defaultMonitors().map(\.name) == ["TFEventWriter", "JSONWriter", "ScalarPrinter"])
    }
}
