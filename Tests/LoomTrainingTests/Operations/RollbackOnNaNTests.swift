import Foundation
import Testing
@testable import LoomTraining
import LoomTestSupport

/// The NaN guard's rollback policy: back to the newest good checkpoint, learning rate cut.
@Suite struct RollbackOnNaNTests {
    /// A backend whose loss is NaN at the given steps and whose weights go NaN with it.
    private func backend(nanAt steps: Set<Int>) -> OperationsBackend {
        let backend = OperationsBackend()
        backend.outputs = { step in ["loss": .scalar(steps.contains(step) ? .nan : 1 / Double(step)), "logits": .array(shape: [1], values: [0])] }
        backend.stepAction = { [unowned backend] step in
            backend.state[0].values[0] = steps.contains(step) ? .nan : Float(step)
        }
        return backend
    }

    @Test func aNaNRollsBackToTheLastGoodCheckpointWithALowerLearningRate() throws {
        let harness = try Harness()
        let model = backend(nanAt: [5])
        let guardian = RollbackOnNaN()
        let saver = ModelSaver()
        let result = try Trainer(harness.config(model, callbacks: [guardian, saver], maxEpoch: 3, logLocation: .at("run"))).train()
        #expect(result.outcome == .completed && result.globalStep == 9)
        #expect(guardian.rollbacks == 1)
        #expect(model.hyperparameters["learning_rate"].map { abs($0 - 0.01) < 1e-12 } == true)
        #expect(harness.messages.contains { $0.hasPrefix("WRN RollbackOnNaN: the step output 'loss' is NaN after global_step 5")
            && $0.contains("rolled back to model-3.safetensors (global_step 3) and cut learning_rate from 0.1 to 0.01") })
        // Every checkpoint on disk is finite and loads.
        let store = CheckpointStore(directory: harness.root.appendingPathComponent("run"), warn: { _ in })
        for step in store.checkpointSteps() { _ = try store.load(step: step) }
        #expect(store.checkpointSteps() == [3, 6, 9])
    }

    @Test func tooManyRollbacksStopLikeTerminateOnNaN() throws {
        let harness = try Harness()
        let guardian = RollbackOnNaN(maximumRollbacks: 2)
        #expect(throws: NumericsError.self) {
            try Trainer(harness.config(backend(nanAt: Set(4...20)), callbacks: [guardian, ModelSaver()], maxEpoch: 5, logLocation: .at("run"))).train()
        }
        #expect(guardian.rollbacks == 2)
        #expect(harness.messages.contains("ERR RollbackOnNaN: 2 rollbacks did not help; stopping"))
        let store = CheckpointStore(directory: harness.root.appendingPathComponent("run"), warn: { _ in })
        #expect(store.latest()?.step == 3)
    }

    @Test func itNeedsAModelSaver() throws {
        let harness = try Harness()
        #expect(throws: SavingError.needsModelSaver(saver: "RollbackOnNaN")) {
            try Trainer(harness.config(backend(nanAt: []), callbacks: [RollbackOnNaN()], logLocation: .at("run"))).train()
        }
    }
}
