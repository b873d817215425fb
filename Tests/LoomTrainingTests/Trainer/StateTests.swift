import Foundation
import Testing
@testable import LoomTraining

@Suite struct StateTests {
    @Test func trainingStateRoundTripsThroughJSON() throws {
        let state = TrainingState(epochNumber: 3, globalStep: 9,
                                  callbacks: ["MinSaver[val-error]": .object(["best": .double(0.25), "nan": .double(.nan)])],
                                  monitors: .object(["loss": .array([.array([.number(3), .number(0.5)])])]))
        let data = try JSONEncoder().encode(state)
        let decoded = try JSONDecoder().decode(TrainingState.self, from: data)
        #expect(decoded == state)
        #expect(decoded.callbacks["MinSaver[val-error]"]?["nan"]?.doubleValue?.isNaN == true)
    }

    @Test func resumedMovingAverageMatchesAnUninterruptedRun() throws {
        let full = try Harness()
        let fullTrainer = Trainer(full.config(FakeBackend(), extra: [MovingAverageSummary()]))
        _ = try fullTrainer.train()

        let first = try Harness()
        let firstBackend = FakeBackend()
        let firstTrainer = Trainer(first.config(firstBackend, extra: [MovingAverageSummary()], maxEpoch: 1))
        _ = try firstTrainer.train()
        let saved = try JSONDecoder().decode(TrainingState.self, from: JSONEncoder().encode(firstTrainer.exportState()))
        #expect(saved.epochNumber == 1 && saved.globalStep == 3)
        #expect(saved.callbacks.keys.sorted() == ["MovingAverageSummary"])

        let second = try Harness()
        let backend = FakeBackend()
        for _ in 0..<3 { _ = try backend.runStep(StepRequest()) }
        let resumed = Trainer(second.config(backend, extra: [MovingAverageSummary()]))
        resumed.restore(saved)
        let result = try resumed.train()
        #expect(result == TrainingResult(outcome: .completed, epochNumber: 2, globalStep: 6))
        #expect(resumed.monitors.history("loss") == fullTrainer.monitors.history("loss"))
        #expect(resumed.monitors.history("loss").map(\.globalStep) == [3, 6])
        #expect(second.messages.contains("Resuming at epoch 2, global_step 3"))
    }

    @Test func duplicateStateKeysAreRejected() throws {
        let harness = try Harness()
        #expect(throws: TrainerError.duplicateStateKey("MovingAverageSummary", callbacks: ["MovingAverageSummary", "MovingAverageSummary"])) {
            try Trainer(harness.config(FakeBackend(), callbacks: [MovingAverageSummary(), MovingAverageSummary()])).train()
        }
    }

    @Test func contextExportsTheStateDuringTraining() throws {
        let harness = try Harness()
        var states: [TrainingState] = []
        let saver = LambdaCallback(trigger: { context in states.append(try context.exportTrainingState()) })
        _ = try Trainer(harness.config(FakeBackend(), callbacks: [saver], extra: [MovingAverageSummary()])).train()
        #expect(states.map(\.epochNumber) == [1, 2])
        #expect(states.map(\.globalStep) == [3, 6])
        #expect(states[1].callbacks["MovingAverageSummary"]?["loss"]?["count"] == .number(6))
    }

    @Test func badSavedStateNamesTheOwner() throws {
        let harness = try Harness()
        let trainer = Trainer(harness.config(FakeBackend(), extra: [MovingAverageSummary()]))
        trainer.restore(TrainingState(epochNumber: 1, globalStep: 3, callbacks: ["MovingAverageSummary": .object(["loss": .object(["count": .number(1)])])]))
        #expect(throws: StateDecodingError(owner: "MovingAverageSummary", message: "the field 'biased' is missing")) { try trainer.train() }
    }
}
