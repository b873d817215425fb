import Foundation
import Testing
@testable import LoomTraining

/// Reads the trainer's profile so far after every step.
private final class ProfileProbe: Callback {
    private var context: TrainerContext?
    private(set) var seen: [CallbackProfile] = []
    var chiefOnly: Bool { false }
    var stepEvents: StepEvents { .afterStep }
    func setUp(_ context: TrainerContext) throws { self.context = context }
    func afterStep(_ outputs: StepOutputs) throws {
        if let profile = context?.trainer?.callbackProfileSoFar() { seen.append(profile) }
    }
}

@Suite struct CallbackProfileSoFarTests {
    @Test func theProfileSoFarCountsTheStepsOfTheEpochInProgress() throws {
        let harness = try Harness()
        let backend = FakeBackend()
        backend.clock = harness.clock
        backend.secondsPerStep = 0.5
        let probe = ProfileProbe()
        let trainer = Trainer(harness.config(backend, callbacks: [probe]))
        #expect(trainer.callbackProfileSoFar() == nil)
        _ = try trainer.train()
        // Two epochs of three 0.5 s steps; after global step g, g steps and g × 0.5 s so far.
        #expect(probe.seen.map(\.steps) == (1...6).map { CallbackProfile.Cell(seconds: Double($0) * 0.5, calls: $0) })
        #expect(probe.seen.map(\.totalSeconds) == (1...6).map { Double($0) * 0.5 })
        #expect(trainer.callbackProfileSoFar() == trainer.callbackProfile)
        #expect(trainer.callbackProfile?.steps == CallbackProfile.Cell(seconds: 3, calls: 6))
    }
}
