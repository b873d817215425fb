import Foundation
import Testing
@testable import LoomTraining

@Suite struct HyperParamSetterWithFuncTests {
    /// Halves the value after every even epoch; no change otherwise (and 1.0 before training).
    private func halving() -> [any Callback] {
        [HyperParamSetterWithFunc("learning_rate") { epoch, current in
            epoch == 0 ? 1.0 : (epoch % 2 == 0 ? current / 2 : nil)
        }]
    }

    @Test func appliesTheFunctionBeforeTrainingAndEachEpoch() throws {
        let (recorder, trainer, harness) = try HyperRun(stepsPerEpoch: 1, maxEpoch: 5).run(halving)
        #expect(recorder.values(1...5) == [1.0, 1.0, 0.5, 0.5, 0.25])
        #expect(trainer.monitors.history("learning_rate").map(\.value) == [1.0, 0.5, 0.25])
        #expect(harness.messages(starting: "[HyperParamSetter]").first == "[HyperParamSetter] learning_rate is set to 1.0 at global step 0")
    }

    @Test(arguments: [1, 2, 3, 4])
    func resumeDoesNotApplyTheLastEpochTwice(resumeAfter: Int) throws {
        let (recorder, _, _) = try HyperRun(stepsPerEpoch: 1, maxEpoch: 5).run(resumeAfter: resumeAfter, halving)
        #expect(recorder.values(1...5) == [1.0, 1.0, 0.5, 0.5, 0.25])
    }

    @Test func nonFiniteValueIsAnError() throws {
        let harness = try Harness()
        let setter = HyperParamSetterWithFunc("learning_rate") { _, _ in .infinity }
        let trainer = Trainer(harness.config(HyperBackend(), callbacks: [setter], extra: []))
        #expect(throws: HyperParamError.nonFiniteValue(setter: "HyperParamSetterWithFunc(learning_rate)", param: "learning_rate", value: .infinity)) {
            try trainer.train()
        }
    }
}
