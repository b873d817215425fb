import Foundation
import Testing
@testable import LoomTraining

@Suite struct StatMonitorParamSetterTests {
    private let errors: [Double?] = [1.0, 0.9, 0.9, 0.9, 0.9, 0.5, 0.5, 0.5]

    private func callbacks(_ values: [Double?], direction: StatDirection = .min) -> [any Callback] {
        // Registered before its producer: the trainer moves it after.
        [StatMonitorParamSetter("learning_rate", stat: "val-error", valueFunc: { $0 * 0.5 }, threshold: 0.05, lastK: 3, direction: direction),
         StatProducer("val-error", values)]
    }

    @Test func reducesOnPlateauWithTensorpacksRule() throws {
        let (recorder, trainer, harness) = try HyperRun(stepsPerEpoch: 1, maxEpoch: 8).run { callbacks(errors) }
        // Window [1, .9, .9] improved by more than 0.05; [.9, .9, .9] did not (epoch 4);
        // after clearing, [.9, .5, .5] improved; [.5, .5, .5] did not (epoch 8).
        #expect(recorder.values(1...8) == [0.1, 0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.05])
        #expect(trainer.monitors.history("learning_rate") == [StatPoint(globalStep: 4, value: 0.05), StatPoint(globalStep: 8, value: 0.025)])
        #expect(harness.messages(starting: "[StatMonitorParamSetter]") == [
            "[StatMonitorParamSetter] val-error did not decrease by more than 0.05 over the last 3 values (0.9, 0.9, 0.9); changing learning_rate",
            "[StatMonitorParamSetter] val-error did not decrease by more than 0.05 over the last 3 values (0.5, 0.5, 0.5); changing learning_rate",
        ])
        #expect(harness.messages.contains("Callback order: StatMonitorParamSetter(learning_rate, val-error) moved after StatProducer, which produce the stats it reads"))
    }

    @Test func reverseWatchesForIncrease() throws {
        let (recorder, _, _) = try HyperRun(stepsPerEpoch: 1, maxEpoch: 4).run { callbacks([0.5, 0.6, 0.62, 0.63], direction: .max) }
        // [.5, .6, .62]: rose by more than 0.05; [.6, .62, .63] did not (epoch 4).
        #expect(recorder.values(1...4) == [0.1, 0.1, 0.1, 0.1])
    }

    @Test(arguments: [1, 2, 3, 4, 5, 6, 7])
    func resumesWithItsWindow(resumeAfter: Int) throws {
        let (full, fullTrainer, _) = try HyperRun(stepsPerEpoch: 1, maxEpoch: 8).run { callbacks(errors) }
        let (resumed, trainer, _) = try HyperRun(stepsPerEpoch: 1, maxEpoch: 8).run(resumeAfter: resumeAfter) { callbacks(errors) }
        #expect(resumed.values(1...8) == full.values(1...8))
        #expect(trainer.monitors.history("learning_rate") == fullTrainer.monitors.history("learning_rate"))
    }

    @Test func exportsItsWindow() throws {
        let (_, trainer, _) = try HyperRun(stepsPerEpoch: 1, maxEpoch: 2).run { callbacks(errors) }
        let state = try trainer.exportState().callbacks["StatMonitorParamSetter[learning_rate,val-error]"]
        #expect(state == .object(["window": .array([.array([.number(1), .number(1.0)]), .array([.number(2), .number(0.9)])]), "lastSet": .null]))
    }

    @Test func missingOrStaleStatWarnsOnceInARow() throws {
        let (recorder, _, harness) = try HyperRun(stepsPerEpoch: 1, maxEpoch: 5).run { callbacks([nil, nil, 1.0]) }
        #expect(recorder.values(1...5) == [0.1, 0.1, 0.1, 0.1, 0.1])
        #expect(harness.messages(starting: "WRN [StatMonitorParamSetter]") == [
            "WRN [StatMonitorParamSetter] no value of 'val-error' yet; learning_rate unchanged",
            "WRN [StatMonitorParamSetter] no new value of 'val-error' since the last trigger; learning_rate unchanged",
        ])
    }

    @Test func lastKMustBePositive() throws {
        let harness = try Harness()
        let setter = StatMonitorParamSetter("learning_rate", stat: "val-error", valueFunc: { $0 }, threshold: 0, lastK: 0)
        let trainer = Trainer(harness.config(HyperBackend(), callbacks: [StatProducer("val-error", []), setter], extra: []))
        #expect(throws: HyperParamError.invalidArgument(setter: "StatMonitorParamSetter(learning_rate, val-error)", problem: "lastK must be at least 1, got 0")) {
            try trainer.train()
        }
    }
}
