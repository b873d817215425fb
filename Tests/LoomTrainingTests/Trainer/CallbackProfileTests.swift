import Foundation
import Testing
@testable import LoomTraining

/// Advances the clock by a fixed time in each event it is given.
private final class ClockedCallback: Callback {
    let name: String
    let clock: ManualClock
    let seconds: [CallbackProfile.Event: Double]
    let stepEvents: StepEvents

    init(_ name: String, clock: ManualClock, stepEvents: StepEvents, seconds: [CallbackProfile.Event: Double]) {
        self.name = name
        self.clock = clock
        self.stepEvents = stepEvents
        self.seconds = seconds
    }

    var chiefOnly: Bool { false }
    private func spend(_ event: CallbackProfile.Event) { clock.advance(by: seconds[event] ?? 0) }
    func beforeTrain() throws { spend(.beforeTrain) }
    func beforeEpoch() throws { spend(.beforeEpoch) }
    func beforeStep(_ request: inout StepRequest) throws { spend(.beforeStep) }
    func afterStep(_ outputs: StepOutputs) throws { spend(.afterStep) }
    func triggerStep() throws { spend(.triggerStep) }
    func afterEpoch() throws { spend(.afterEpoch) }
    func triggerEpoch() throws { spend(.triggerEpoch) }
    func afterTrain() throws { spend(.afterTrain) }
}

@Suite struct CallbackProfileTests {
    /// Two epochs of three 0.5 s steps; A spends 0.25 s in beforeStep, 0.125 s in afterStep,
    /// B (no per-step event) 1 s in each triggerEpoch: 9.875 s in all.
    private func run(profiling: Bool) throws -> (Trainer, Harness) {
        let harness = try Harness()
        let backend = FakeBackend()
        backend.clock = harness.clock
        backend.secondsPerStep = 0.5
        let a = ClockedCallback("A", clock: harness.clock, stepEvents: .all,
                                seconds: [.beforeTrain: 0.125, .beforeStep: 0.25, .afterStep: 0.125, .afterTrain: 0.5])
        let b = ClockedCallback("Bee", clock: harness.clock, stepEvents: [], seconds: [.beforeTrain: 2, .triggerEpoch: 1])
        var config = harness.config(backend, callbacks: [a, b])
        config.profilesCallbacks = profiling
        let trainer = Trainer(config)
        _ = try trainer.train()
        return (trainer, harness)
    }

    @Test func profiledRunTimesEveryEventAndTheBackend() throws {
        let (trainer, harness) = try run(profiling: true)
        let profile = try #require(trainer.callbackProfile)
        #expect(profile.rows.map(\.callback) == ["A", "Bee"])
        #expect(profile.rows[0][.beforeStep] == CallbackProfile.Cell(seconds: 1.5, calls: 6))
        #expect(profile.rows[1][.afterStep] == nil)
        #expect(profile.backendSteps == CallbackProfile.Cell(seconds: 3, calls: 6))
        #expect(profile.steps == CallbackProfile.Cell(seconds: 5.25, calls: 6))
        #expect(profile.totalSeconds == 9.875)
        let table = """
            Callback profile, seconds (calls):
            callback  beforeTrain  beforeEpoch  beforeStep  afterStep  triggerStep  afterEpoch  triggerEpoch  afterTrain  total
            A           0.125 (1)    0.000 (2)   1.500 (6)  0.750 (6)    0.000 (6)   0.000 (2)     0.000 (2)   0.500 (1)  2.875
            Bee         2.000 (1)    0.000 (2)           -          -            -   0.000 (2)     2.000 (2)   0.000 (1)  4.000
            backend runStep: 3.000 s in 6 steps (0.500 s/step)
            outside the backend's steps: 6.875 s of 9.875 s (69.6 %)
            """
        #expect(profile.table() == table)
        #expect(harness.profileMessages == table.components(separatedBy: "\n"))
        #expect(harness.output.lines.last?.hasSuffix("] outside the backend's steps: 6.875 s of 9.875 s (69.6 %)") == true)
    }

    @Test func stepEventsAreNotTimedByDefault() throws {
        let (trainer, _) = try run(profiling: false)
        let profile = try #require(trainer.callbackProfile)
        #expect(!profile.stepsProfiled)
        #expect(profile.rows[0][.beforeStep] == nil)
        #expect(profile.backendSteps == CallbackProfile.Cell())
        #expect(profile.table() == """
            Callback profile, seconds (calls):
            callback  beforeTrain  beforeEpoch  afterEpoch  triggerEpoch  afterTrain  total
            A           0.125 (1)    0.000 (2)   0.000 (2)     0.000 (2)   0.500 (1)  0.625
            Bee         2.000 (1)    0.000 (2)   0.000 (2)     2.000 (2)   0.000 (1)  4.000
            steps (runStep and per-step events, not split; TrainConfig.profilesCallbacks splits them): 5.250 s in 6 steps
            outside the steps: 4.625 s of 9.875 s (46.8 %)
            """)
    }

    @Test func profileIsWrittenToTheLogFile() throws {
        let harness = try Harness()
        let trainer = Trainer(harness.config(FakeBackend(), callbacks: [], logLocation: .automatic))
        _ = try trainer.train()
        let log = try String(contentsOf: harness.root.appendingPathComponent("train_log/test/log.log"), encoding: .utf8)
        let lines = log.split(separator: "\n").suffix(4).map { $0.drop { $0 != "]" }.dropFirst(2) }
        #expect(lines == [
            "Callback profile, seconds (calls):",
            "callback  total",
            "steps (runStep and per-step events, not split; TrainConfig.profilesCallbacks splits them): 0.000 s in 6 steps",
            "outside the steps: 0.000 s of 0.000 s (0.0 %)",
        ])
    }
}
