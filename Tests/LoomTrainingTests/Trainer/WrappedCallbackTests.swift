import Testing
@testable import LoomTraining

/// Counts its triggers; its count is resume state.
private final class TriggerCounter: StatefulCallback {
    var count = 0
    var stateKey: String { "TriggerCounter" }
    var stepEvents: StepEvents { [] }
    func trigger() throws { count += 1 }
    func exportState() throws -> StateValue { .number(Double(count)) }
    func importState(_ state: StateValue) throws { count = state.intValue ?? 0 }
}

@Suite struct WrappedCallbackTests {
    @Test func unwrappedListsEveryWrappedCallbackOutermostFirst() {
        let inner = TriggerCounter()
        let outer = EnableCallbackIf(PeriodicTrigger(inner, everySteps: 2)) { _ in true }
        #expect(outer.unwrapped.map(\.name) == ["EnableCallbackIf(PeriodicTrigger(TriggerCounter))",
                                                "PeriodicTrigger(TriggerCounter)", "TriggerCounter"])
    }

    /// A stateful callback inside wrappers is saved and restored like a top-level one.
    @Test func wrappedStatefulCallbackResumes() throws {
        let harness = try Harness()
        let counter = TriggerCounter()
        let first = Trainer(harness.config(FakeBackend(), callbacks: [PeriodicTrigger(counter, everySteps: 1)], extra: []))
        _ = try first.train()
        #expect(counter.count == 6)
        let state = try first.exportState()
        #expect(state.callbacks["TriggerCounter"] == .number(6))

        let resumed = TriggerCounter()
        let second = Trainer(harness.config(FakeBackend(), callbacks: [PeriodicCallback(resumed, everyEpochs: 1)],
                                            extra: [], maxEpoch: 3))
        second.restore(state)
        _ = try second.train()
        #expect(resumed.count == 7)
    }

    @Test func duplicateKeysInsideWrappersAreRejected() throws {
        let harness = try Harness()
        let trainer = Trainer(harness.config(FakeBackend(), callbacks: [TriggerCounter(), PeriodicTrigger(TriggerCounter(), everySteps: 2)], extra: []))
        #expect(throws: TrainerError.self) { try trainer.train() }
    }
}
