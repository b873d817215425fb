import Foundation
import Testing
@testable import LoomTraining

@Suite struct TrainerEventTests {
    private func steps(_ label: String, epoch: Int, from start: Int) -> [String] {
        (0..<3).flatMap { local in [
            "\(label).beforeStep e\(epoch) g\(start + local) l\(local)",
            "\(label).afterStep e\(epoch) g\(start + local + 1) l\(local)",
            "\(label).triggerStep e\(epoch) g\(start + local + 1) l\(local)",
        ] }
    }

    @Test func plainRunSeesEveryEventInOrder() throws {
        let harness = try Harness()
        let log = EventLog()
        let config = harness.config(FakeBackend(), callbacks: [EventRecorder("A", log: log), EventRecorder("B", log: log, events: [])])
        let result = try Trainer(config).train()
        #expect(result == TrainingResult(outcome: .completed, epochNumber: 2, globalStep: 6))
        var expected = ["A.setUp", "B.setUp", "A.beforeTrain e0 g0 l-1", "B.beforeTrain e0 g0 l-1"]
        for (epoch, start) in [(1, 0), (2, 3)] {
            expected += ["A.beforeEpoch e\(epoch) g\(start) l-1", "B.beforeEpoch e\(epoch) g\(start) l-1"]
            expected += steps("A", epoch: epoch, from: start)
            let end = "e\(epoch) g\(start + 3) l2"
            expected += ["A.afterEpoch \(end)", "B.afterEpoch \(end)", "A.triggerEpoch \(end)", "A.trigger \(end)",
                         "B.triggerEpoch \(end)", "B.trigger \(end)"]
        }
        expected += ["A.afterTrain e2 g6 l2", "B.afterTrain e2 g6 l2"]
        #expect(log.entries == expected)
        #expect(expected.count == 40)
    }

    @Test func wrappersFollowTensorpackSemantics() throws {
        let harness = try Harness()
        let log = EventLog()
        let lambda = LambdaCallback(trigger: { context in log.entries.append("L.trigger e\(context.loop.epochNumber)") })
        let config = harness.config(FakeBackend(), callbacks: [
            PeriodicTrigger(EventRecorder("S", log: log, events: .triggerStep), everySteps: 2),
            PeriodicTrigger(EventRecorder("E", log: log, events: []), everyEpochs: 2, beforeTrain: true),
            PeriodicCallback(EventRecorder("C", log: log), everySteps: 4),
            PeriodicCallback(EventRecorder("D", log: log, events: []), everyEpochs: 2),
            EnableCallbackIf(EventRecorder("F", log: log, events: .triggerStep)) { $0.localStep == 1 },
            lambda,
        ])
        _ = try Trainer(config).train()
        func entries(_ label: String) -> [String] { log.entries.filter { $0.hasPrefix(label + ".") } }
        #expect(entries("S") == [
            "S.setUp", "S.beforeTrain e0 g0 l-1", "S.beforeEpoch e1 g0 l-1",
            "S.triggerStep e1 g1 l0", "S.triggerStep e1 g2 l1", "S.trigger e1 g2 l1", "S.triggerStep e1 g3 l2",
            "S.afterEpoch e1 g3 l2", "S.beforeEpoch e2 g3 l-1",
            "S.triggerStep e2 g4 l0", "S.trigger e2 g4 l0", "S.triggerStep e2 g5 l1", "S.triggerStep e2 g6 l2",
            "S.trigger e2 g6 l2", "S.afterEpoch e2 g6 l2", "S.afterTrain e2 g6 l2",
        ])
        #expect(entries("E") == [
            "E.setUp", "E.beforeTrain e0 g0 l-1", "E.trigger e0 g0 l-1", "E.beforeEpoch e1 g0 l-1",
            "E.afterEpoch e1 g3 l2", "E.beforeEpoch e2 g3 l-1", "E.afterEpoch e2 g6 l2", "E.trigger e2 g6 l2",
            "E.afterTrain e2 g6 l2",
        ])
        // The predicate sees the finished-step count: before a step it is the previous count.
        #expect(entries("C") == [
            "C.setUp", "C.beforeTrain e0 g0 l-1", "C.beforeEpoch e1 g0 l-1",
            "C.beforeStep e1 g0 l0", "C.afterStep e1 g1 l0",
            "C.triggerStep e2 g4 l0", "C.beforeStep e2 g4 l1", "C.afterStep e2 g5 l1",
            "C.afterTrain e2 g6 l2",
        ])
        #expect(entries("D") == [
            "D.setUp", "D.beforeTrain e0 g0 l-1", "D.beforeEpoch e2 g3 l-1", "D.afterEpoch e2 g6 l2",
            "D.triggerEpoch e2 g6 l2", "D.trigger e2 g6 l2", "D.afterTrain e2 g6 l2",
        ])
        #expect(entries("F") == [
            "F.setUp", "F.beforeTrain e0 g0 l-1", "F.triggerStep e1 g2 l1", "F.triggerStep e2 g5 l1", "F.afterTrain e2 g6 l2",
        ])
        #expect(entries("L") == ["L.trigger e1", "L.trigger e2"])
    }

    @Test func stopSignalFinishesTheStepThenRunsAfterTrain() throws {
        let harness = try Harness()
        let log = EventLog()
        let stopper = EventRecorder("A", log: log)
        stopper.throwing["afterStep"] = StopTraining("enough")
        let backend = FakeBackend()
        var stopAt = 0
        let gate = LambdaCallback(triggerStep: { context in stopAt = context.loop.globalStep })
        let b = EventRecorder("B", log: log)
        let config = harness.config(backend, callbacks: [EnableCallbackIf(stopper) { $0.globalStep == 4 }, gate, b])
        let result = try Trainer(config).train()
        #expect(result == TrainingResult(outcome: .stopped("enough"), epochNumber: 2, globalStep: 5))
        #expect(stopAt == 5)
        #expect(backend.steps == 5)
        #expect(Array(log.entries.suffix(5)) == [
            "A.afterStep e2 g5 l1", "B.afterStep e2 g5 l1", "B.triggerStep e2 g5 l1",
            "A.afterTrain e2 g5 l1", "B.afterTrain e2 g5 l1",
        ])
        #expect(harness.messages.contains("Training was stopped at global_step=5: enough"))
    }

    @Test func stopInTriggerEpochLetsLaterCallbacksFinishTheEpoch() throws {
        let harness = try Harness()
        let log = EventLog()
        let stopper = EventRecorder("A", log: log, events: [])
        stopper.throwing["trigger"] = StopTraining("early stop")
        let config = harness.config(FakeBackend(), callbacks: [stopper, EventRecorder("B", log: log, events: [])])
        let result = try Trainer(config).train()
        #expect(result.outcome == .stopped("early stop"))
        #expect(Array(log.entries.suffix(8)) == [
            "A.afterEpoch e1 g3 l2", "B.afterEpoch e1 g3 l2", "A.triggerEpoch e1 g3 l2", "A.trigger e1 g3 l2",
            "B.triggerEpoch e1 g3 l2", "B.trigger e1 g3 l2", "A.afterTrain e1 g3 l2", "B.afterTrain e1 g3 l2",
        ])
        #expect(!log.entries.contains { $0.contains("e2") })
    }

    @Test func errorInAStepRunsAfterTrainForAllAndSurfaces() throws {
        let harness = try Harness()
        let log = EventLog()
        let backend = FakeBackend()
        backend.failAtStep = 2
        let config = harness.config(backend, callbacks: [EventRecorder("A", log: log, events: []), EventRecorder("B", log: log, events: [])])
        #expect(throws: FakeBackend.Failure(step: 2)) { try Trainer(config).train() }
        #expect(Array(log.entries.suffix(2)) == ["A.afterTrain e1 g1 l1", "B.afterTrain e1 g1 l1"])
        #expect(harness.messages.contains("ERR Training failed at global_step=1: fake failure at step 2"))
    }

    @Test func failingAfterTrainDoesNotBlockOthers() throws {
        struct Broken: Error, CustomStringConvertible { var description: String { "broken" } }
        let harness = try Harness()
        let log = EventLog()
        let a = EventRecorder("A", log: log, events: [])
        a.throwing["afterTrain"] = Broken()
        let config = harness.config(FakeBackend(), callbacks: [a, EventRecorder("B", log: log, events: [])])
        #expect(throws: TrainerError.afterTrainFailed(["A: broken"])) { try Trainer(config).train() }
        #expect(Array(log.entries.suffix(2)) == ["A.afterTrain e2 g6 l2", "B.afterTrain e2 g6 l2"])
        #expect(harness.messages.contains("ERR A.afterTrain failed: broken"))
    }

    @Test func interruptStopsAfterTheStepAndIsReported() throws {
        let harness = try Harness()
        let log = EventLog()
        var trainer: Trainer?
        let ctrlC = LambdaCallback(triggerStep: { context in if context.loop.globalStep == 2 { trainer?.interrupt() } })
        trainer = Trainer(harness.config(FakeBackend(), callbacks: [ctrlC, EventRecorder("A", log: log, events: [])]))
        let result = try #require(trainer).train()
        #expect(result == TrainingResult(outcome: .interrupted, epochNumber: 1, globalStep: 2))
        #expect(result.wasInterrupted)
        #expect(log.entries.last == "A.afterTrain e1 g2 l1")
    }

    @Test func monitorInCallbacksIsRejected() throws {
        let harness = try Harness()
        #expect(throws: TrainerError.invalidConfiguration("JSONWriter is a monitor; pass it in `monitors`, not in `callbacks`")) {
            try Trainer(harness.config(FakeBackend(), callbacks: [JSONWriter()])).train()
        }
    }

    @Test func describeLoopListsCallbacksPerEvent() throws {
        let harness = try Harness()
        let log = EventLog()
        let trainer = Trainer(harness.config(FakeBackend(), callbacks: [EventRecorder("A", log: log, events: .triggerStep), RunUpdateOps()]))
        _ = try trainer.train()
        #expect(trainer.describeLoop() == """
        setUp, beforeTrain: A, RunUpdateOps
          beforeEpoch: A, RunUpdateOps
            beforeStep: RunUpdateOps
            afterStep: (none)
            triggerStep: A
          afterEpoch, triggerEpoch: A, RunUpdateOps
        afterTrain: A, RunUpdateOps
        """)
    }

    @Test func slowCallbacksAreNamed() throws {
        let harness = try Harness()
        let slow = LambdaCallback(name: "Slow", trigger: { _ in harness.clock.advance(by: 2.5) })
        let fast = LambdaCallback(name: "Fast", trigger: { _ in harness.clock.advance(by: 0.5) })
        _ = try Trainer(harness.config(FakeBackend(), callbacks: [slow, fast], maxEpoch: 1)).train()
        #expect(harness.messages.contains("Callbacks took 3.000 sec in total. Slow: 2.500 sec."))
    }
}
