import Foundation
import Testing
@testable import LoomTraining

@Suite struct ScheduledHyperParamSetterTests {
    private func points(_ trainer: Trainer) -> [[Double]] {
        trainer.monitors.history("learning_rate").map { [Double($0.globalStep), $0.value] }
    }

    @Test func epochKeysApplyAfterTheirEpochWithoutInterpolation() throws {
        let (recorder, trainer, harness) = try HyperRun(stepsPerEpoch: 2, maxEpoch: 5).run {
            [ScheduledHyperParamSetter("learning_rate", schedule: [(0, 1.0), (2, 0.5), (4, 0.25)])]
        }
        #expect(recorder.values(1...10) == [1.0, 1.0, 1.0, 1.0, 0.5, 0.5, 0.5, 0.5, 0.25, 0.25])
        #expect(points(trainer) == [[0, 1.0], [4, 0.5], [8, 0.25]])
        #expect(harness.messages(starting: "[HyperParamSetter]") == [
            "[HyperParamSetter] learning_rate is set to 1.0 at global step 0",
            "[HyperParamSetter] learning_rate changes from 1.0 to 0.5 at global step 4",
            "[HyperParamSetter] learning_rate changes from 0.5 to 0.25 at global step 8",
        ])
    }

    @Test func linearInterpolationBetweenEpochKeysWithoutExtrapolation() throws {
        let (recorder, trainer, _) = try HyperRun(stepsPerEpoch: 1, maxEpoch: 7).run {
            [ScheduledHyperParamSetter("learning_rate", schedule: [(1, 1.0), (5, 0.0)], interpolation: .linear)]
        }
        // Epoch 0 is before the first key: the initial 0.1 stays during epoch 1.
        #expect(recorder.values(1...7) == [0.1, 1.0, 0.75, 0.5, 0.25, 0.0, 0.0])
        #expect(points(trainer) == [[1, 1.0], [2, 0.75], [3, 0.5], [4, 0.25], [5, 0.0]])
    }

    @Test func stepBasedLinearChecksEveryStepAndLogsOncePerEpoch() throws {
        let (recorder, trainer, harness) = try HyperRun(stepsPerEpoch: 3, maxEpoch: 2).run {
            [ScheduledHyperParamSetter("learning_rate", schedule: [(0, 0.0), (4, 1.0)], interpolation: .linear, stepBased: true)]
        }
        #expect(recorder.values(1...6) == [0.0, 0.25, 0.5, 0.75, 1.0, 1.0])
        #expect(points(trainer) == [[0, 0.0], [1, 0.25], [2, 0.5], [3, 0.75], [4, 1.0]])
        #expect(harness.messages(starting: "[HyperParamSetter]") == [
            "[HyperParamSetter] learning_rate is set to 0.0 at global step 0",
            "[HyperParamSetter] learning_rate changes from 0.0 to 0.25 at global step 1",
            "[HyperParamSetter] learning_rate changes from 0.75 to 1.0 at global step 4",
        ])
    }

    @Test func stepBasedWithoutInterpolationAppliesExactKeysOnly() throws {
        let (recorder, _, _) = try HyperRun(stepsPerEpoch: 3, maxEpoch: 2).run {
            [ScheduledHyperParamSetter("learning_rate", schedule: [(2, 0.5), (5, 0.25)], stepBased: true)]
        }
        #expect(recorder.values(1...6) == [0.1, 0.1, 0.5, 0.5, 0.5, 0.25])
    }

    @Test(arguments: [
        ([(Int, Double)](), "it is empty; give at least one (point, value) key"),
        ([(2, 0.1), (1, 0.01)], "keys must be strictly increasing, but (2, 0.1) comes before (1, 0.01); sort them and remove duplicates"),
        ([(1, 0.1), (1, 0.01)], "keys must be strictly increasing, but (1, 0.1) comes before (1, 0.01); sort them and remove duplicates"),
        ([(-1, 0.1)], "key 1 is (-1, 0.1); points must be 0 or more"),
        ([(0, 0.1), (3, Double.nan)], "key 2 is (3, nan); values must be finite numbers"),
    ])
    func invalidSchedulesAreSetupErrors(schedule: [(Int, Double)], problem: String) throws {
        let harness = try Harness()
        let trainer = Trainer(harness.config(HyperBackend(), callbacks: [ScheduledHyperParamSetter("learning_rate", schedule: schedule)], extra: []))
        #expect(throws: HyperParamError.invalidSchedule(setter: "ScheduledHyperParamSetter(learning_rate)", problem: problem)) {
            try trainer.train()
        }
    }

    @Test func unknownParameterIsASetupError() throws {
        let harness = try Harness()
        let trainer = Trainer(harness.config(HyperBackend(), callbacks: [ScheduledHyperParamSetter("learning_rat", schedule: [(0, 1)])], extra: []))
        #expect(throws: TrainerError.unknownHyperparameter(name: "learning_rat", known: ["learning_rate", "momentum"], suggestion: "learning_rate")) {
            try trainer.train()
        }
    }

    @Test func boundParameterIsSetThroughItsClosures() throws {
        final class Model { var dropout = 0.5 }
        let model = Model()
        let param = HyperParam.bound(name: "dropout", get: { model.dropout }, set: { model.dropout = $0 })
        let (_, trainer, _) = try HyperRun(stepsPerEpoch: 1, maxEpoch: 2).run {
            [ScheduledHyperParamSetter(param, schedule: [(1, 0.25)])]
        }
        #expect(model.dropout == 0.25)
        #expect(trainer.monitors.history("dropout") == [StatPoint(globalStep: 1, value: 0.25)])
    }

    /// Warm-up (step-based, linear) then decay (epoch-based) on one parameter.
    private func warmupThenDecay(decayFirst: Bool) -> [any Callback] {
        let warmup = ScheduledHyperParamSetter("learning_rate", schedule: [(0, 0.0), (4, 1.0)], interpolation: .linear, stepBased: true)
        let decay = ScheduledHyperParamSetter("learning_rate", schedule: [(2, 0.5), (3, 0.25)])
        return decayFirst ? [decay, warmup] : [warmup, decay]
    }

    private let warmupThenDecayTable = [0.0, 0.25, 0.5, 0.75, 1.0, 1.0, 0.5, 0.5, 0.5, 0.25, 0.25, 0.25]

    @Test(arguments: [false, true])
    func warmupThenDecayWithTwoSetters(decayFirst: Bool) throws {
        let (recorder, _, _) = try HyperRun().run { warmupThenDecay(decayFirst: decayFirst) }
        #expect(recorder.values(1...12) == warmupThenDecayTable)
    }

    @Test(arguments: [(1, false), (2, false), (3, false), (1, true), (2, true), (3, true)])
    func warmupThenDecayResumesLikeAnUninterruptedRun(resumeAfter: Int, decayFirst: Bool) throws {
        let (recorder, trainer, harness) = try HyperRun().run(resumeAfter: resumeAfter) { warmupThenDecay(decayFirst: decayFirst) }
        #expect(recorder.values(1...12) == warmupThenDecayTable)
        let (_, full, _) = try HyperRun().run { warmupThenDecay(decayFirst: decayFirst) }
        #expect(trainer.monitors.history("learning_rate") == full.monitors.history("learning_rate"))
        // The saved state restores the value the stopped run had: nothing to correct.
        #expect(harness.messages(starting: "WRN According").isEmpty)
    }

    /// A resumed backend that starts at its configured value (a state without
    /// hyperparameters) is corrected by the replay, with a warning.
    @Test(arguments: [(1, false), (2, false), (3, false), (1, true), (2, true), (3, true)])
    func warmupThenDecayReplayCorrectsAnUnrestoredValue(resumeAfter: Int, decayFirst: Bool) throws {
        let run = HyperRun(restoresHyperparameters: false)
        let (recorder, trainer, harness) = try run.run(resumeAfter: resumeAfter) { warmupThenDecay(decayFirst: decayFirst) }
        #expect(recorder.values(1...12) == warmupThenDecayTable)
        let (_, full, _) = try HyperRun().run { warmupThenDecay(decayFirst: decayFirst) }
        #expect(trainer.monitors.history("learning_rate") == full.monitors.history("learning_rate"))
        let expected = [1: "According to its schedule, learning_rate should be 0.75 after global step 3, but it is 0.1; setting it to 0.75",
                        2: "According to its schedule, learning_rate should be 0.5 after epoch 2, but it is 0.1; setting it to 0.5",
                        3: "According to its schedule, learning_rate should be 0.25 after epoch 3, but it is 0.1; setting it to 0.25"]
        #expect(harness.messages(starting: "WRN According") == ["WRN " + (expected[resumeAfter] ?? "")])
    }

    @Test func setAtBeginningFalseOnlyWarnsBetweenKeys() throws {
        let (recorder, _, harness) = try HyperRun(stepsPerEpoch: 1, maxEpoch: 4, restoresHyperparameters: false).run(resumeAfter: 2) {
            [ScheduledHyperParamSetter("learning_rate", schedule: [(1, 0.5), (3, 0.25)], setAtBeginning: false)]
        }
        // Resumed after epoch 2: the backend restarts at 0.1 and is left there until key 3.
        #expect(recorder.values(1...4) == [0.1, 0.5, 0.1, 0.25])
        #expect(harness.messages(starting: "WRN According") == [
            "WRN According to its schedule, learning_rate should be 0.5 after epoch 2, but it is 0.1; leaving it (setAtBeginning is false)",
        ])
    }
}
