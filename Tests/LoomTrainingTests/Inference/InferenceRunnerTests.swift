import Foundation
import Testing
@testable import LoomTraining

@Suite struct InferenceRunnerTests {
    private func errors() -> [any Inferencer] {
        [ClassificationError(wrongName: "wrong-top1", summaryName: "val-error-top1"),
         ClassificationError(wrongName: "wrong-top5", summaryName: "val-error-top5")]
    }

    @Test func runsEveryEpochAtTheCurrentGlobalStep() throws {
        let harness = try Harness()
        let source = FakeInferenceSource()
        let runner = InferenceRunner(source, errors())
        let trainer = Trainer(harness.config(FakeBackend(), callbacks: [runner], stepsPerEpoch: 3, maxEpoch: 2))
        _ = try trainer.train()
        #expect(trainer.monitors.history("val-error-top1") == [StatPoint(globalStep: 3, value: 0.5), StatPoint(globalStep: 6, value: 0.5)])
        #expect(trainer.monitors.history("val-error-top5") == [StatPoint(globalStep: 3, value: 0.2), StatPoint(globalStep: 6, value: 0.2)])
        #expect(source.passes == 2)
        #expect(source.fetches == Array(repeating: ["wrong-top1", "wrong-top5"], count: 6))
        #expect(harness.messages.filter { $0.hasPrefix("InferenceRunner") } == Array(
            repeating: "InferenceRunner: 10 samples in 3 batches, 0.000 s: val-error-top1=0.5, val-error-top5=0.2", count: 2))
        #expect(!harness.output.text.contains("\r"))
    }

    @Test func aPassChangesNoTrainingStateAndFiresNoEvents() throws {
        let harness = try Harness()
        let log = EventLog()
        let recorder = EventRecorder("rec", log: log)
        let backend = FakeBackend()
        let source = FakeInferenceSource()
        source.backend = backend
        source.events = log
        let runner = InferenceRunner(source, errors())
        let trainer = Trainer(harness.config(backend, callbacks: [recorder, runner], stepsPerEpoch: 2, maxEpoch: 2))
        source.loop = trainer.loop
        _ = try trainer.train()
        // Every batch of a pass saw the same global step, training-step count and event count.
        let epoch1 = FakeInferenceSource.Observation(globalStep: 2, trainingSteps: 2,
                                                     events: log.entries.firstIndex(of: "rec.trigger e1 g2 l1").map { $0 + 1 } ?? -1)
        let epoch2 = FakeInferenceSource.Observation(globalStep: 4, trainingSteps: 4,
                                                     events: log.entries.firstIndex(of: "rec.trigger e2 g4 l1").map { $0 + 1 } ?? -1)
        #expect(source.observations == Array(repeating: epoch1, count: 3) + Array(repeating: epoch2, count: 3))
        #expect(log.entries[epoch1.events] == "rec.beforeEpoch e2 g2 l-1")
        #expect(log.entries[epoch2.events] == "rec.afterTrain e2 g4 l1")
        #expect(source.modes == Array(repeating: true, count: 6))
        #expect(backend.steps == 4 && trainer.loop.globalStep == 4)
        #expect(source.liveReplicas == 0)
    }

    @Test func aConsumerRegisteredBeforeTheRunnerSeesThisEpochsValue() throws {
        let harness = try Harness()
        let reader = StatReader("val-error-top1")
        let runner = InferenceRunner(FakeInferenceSource(), errors())
        let trainer = Trainer(harness.config(FakeBackend(), callbacks: [reader, runner], stepsPerEpoch: 3, maxEpoch: 2))
        _ = try trainer.train()
        #expect(trainer.callbacks.map(\.name) == ["InferenceRunner", "StatReader(val-error-top1)"])
        #expect(reader.seen == [StatPoint(globalStep: 3, value: 0.5), StatPoint(globalStep: 6, value: 0.5)])
    }

    @Test func twoRunnersWithPrefixesCoexist() throws {
        let harness = try Harness()
        let test = FakeInferenceSource()
        test.wrongTop1 = [1, 1, 1, 1, 0, 0, 0, 0, 0, 0]
        let validation = InferenceRunner(FakeInferenceSource(), [ClassificationError()], prefix: "val")
        let testing = PeriodicTrigger(InferenceRunner(test, [ClassificationError()], prefix: "test"), everyEpochs: 2)
        let trainer = Trainer(harness.config(FakeBackend(), callbacks: [validation, testing], stepsPerEpoch: 1, maxEpoch: 2))
        _ = try trainer.train()
        #expect(validation.producedStats == ["val/val-error-top1"])
        #expect(testing.producedStats == ["test/val-error-top1"])
        #expect(trainer.monitors.history("val/val-error-top1") == [StatPoint(globalStep: 1, value: 0.5), StatPoint(globalStep: 2, value: 0.5)])
        #expect(trainer.monitors.history("test/val-error-top1") == [StatPoint(globalStep: 2, value: 0.4)])
        #expect(harness.messages.filter { $0.hasPrefix("InferenceRunner(") } == [
            "InferenceRunner(val): 10 samples in 3 batches, 0.000 s: val/val-error-top1=0.5",
            "InferenceRunner(val): 10 samples in 3 batches, 0.000 s: val/val-error-top1=0.5",
            "InferenceRunner(test): 10 samples in 3 batches, 0.000 s: test/val-error-top1=0.4",
        ])
    }

    @Test func duplicateStatNamesAreRejectedAtSetup() throws {
        let harness = try Harness()
        let log = EventLog()
        let first = InferenceRunner(FakeInferenceSource(), [ClassificationError()])
        let second = PeriodicTrigger(InferenceRunner(FakeInferenceSource(), [ClassificationError(), ScalarStats("cost")]), everyEpochs: 2)
        let recorder = EventRecorder("rec", log: log)
        let across = InferenceError.duplicateStat(stat: "val-error-top1", producers: ["InferenceRunner", "InferenceRunner"])
        #expect(throws: across) {
            try Trainer(harness.config(FakeBackend(), callbacks: [recorder, first, second])).train()
        }
        #expect(log.entries == ["rec.setUp"])

        let within = InferenceRunner(FakeInferenceSource(), [ClassificationError(), ClassificationError(wrongName: "wrong-top5")],
                                     prefix: "val")
        let error = InferenceError.duplicateStat(stat: "val/val-error-top1",
                                                 producers: ["ClassificationError(wrong-top1) in InferenceRunner(val)",
                                                             "ClassificationError(wrong-top5) in InferenceRunner(val)"])
        #expect(throws: error) { try Trainer(harness.config(FakeBackend(), callbacks: [within])).train() }
        #expect(error.description == "the stat 'val/val-error-top1' is produced by ClassificationError(wrong-top1) in InferenceRunner(val) and ClassificationError(wrong-top5) in InferenceRunner(val); give the runners different prefixes or the inferencers different names")
    }

    @Test func anUnknownOutputFailsAtSetupListingTheOutputs() throws {
        let harness = try Harness()
        let log = EventLog()
        let recorder = EventRecorder("rec", log: log)
        let runner = InferenceRunner(FakeInferenceSource(), [ScalarStats("cost"), ClassificationError(wrongName: "wrong_top1")])
        let expected = InferenceError.unknownOutput(inferencer: "ClassificationError(wrong_top1)", output: "wrong_top1",
                                                    available: ["cost", "label", "pred", "wrong-top1", "wrong-top5"],
                                                    suggestion: "wrong-top1")
        #expect(throws: expected) {
            try Trainer(harness.config(FakeBackend(), callbacks: [runner, recorder])).train()
        }
        #expect(log.entries == [])
        #expect(expected.description == "ClassificationError(wrong_top1) reads the output 'wrong_top1', which the validation source does not produce. Did you mean 'wrong-top1'? (the source produces: cost, label, pred, wrong-top1, wrong-top5). Fix the name or add the output to the evaluation model.")
    }

    @Test func aSourceShorterThanDeclaredUsesTheSamplesSeenAndWarns() throws {
        let harness = try Harness()
        let source = FakeInferenceSource()
        source.declaredSamples = 12
        let runner = InferenceRunner(source, [ClassificationError()])
        let context = harness.inferenceContext(backend: FakeBackend())
        try runner.setUp(context)
        try runner.trigger()
        #expect(context.monitors.latest("val-error-top1") == 0.5)
        #expect(harness.messages == [
            "WRN InferenceRunner: the validation source declared 12 samples but yielded 10; the stats use the 10 samples seen",
            "InferenceRunner: 10 samples in 3 batches, 0.000 s: val-error-top1=0.5",
        ])
    }

    @Test func showsAnInPlaceProgressLineOnATerminal() throws {
        let harness = try Harness(terminal: true)
        let source = FakeInferenceSource()
        source.clock = harness.clock
        source.secondsPerBatch = 0.3
        let runner = InferenceRunner(source, [ClassificationError()])
        let context = harness.inferenceContext(backend: FakeBackend())
        try runner.setUp(context)
        try runner.trigger()
        // Drawn at the first batch and again once 0.5 s passed (third batch), then cleared.
        let first = "InferenceRunner: 4/10 samples [00:00]"
        let last = "InferenceRunner: 10/10 samples [00:00]"
        let cleared = "\r" + String(repeating: " ", count: last.count) + "\r"
        #expect(harness.output.text.hasPrefix("\r" + first + "\r" + last + cleared + "["))
        #expect(harness.output.text.hasSuffix("] InferenceRunner: 10 samples in 3 batches, 0.900 s: val-error-top1=0.5\n"))
    }

    @Test func triggeringBeforeSetUpIsAnError() throws {
        let runner = InferenceRunner(FakeInferenceSource(), [ClassificationError()])
        #expect(throws: InferenceError.notSetUp(runner: "InferenceRunner")) { try runner.trigger() }
    }
}
