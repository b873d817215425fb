import Foundation
import Testing
@testable import LoomTraining
import LoomTestSupport

@Suite struct SafetyTests {
    @Test func terminateOnNaNNamesTheStepAndTheOutput() throws {
        let harness = try Harness()
        func makeBackend() -> OperationsBackend {
            let backend = OperationsBackend()
            backend.outputs = { step in
                ["loss": .scalar(step == 4 ? .nan : 1), "logits": .array(shape: [3], values: step == 2 ? [1, .infinity, .nan] : [0, 0, 0])]
            }
            return backend
        }
        let backend = makeBackend()
        var saves: [Int] = []
        let saver = LambdaCallback(triggerStep: { saves.append($0.loop.globalStep) })
        let expected = NumericsError(globalStep: 4, source: .output("loss"), index: 0, value: .nan)
        #expect(throws: NumericsError.self) { try Trainer(harness.config(backend, callbacks: [TerminateOnNaN(), saver])).train() }
        #expect(saves == [1, 2, 3])
        #expect(harness.messages.contains("ERR Training failed at global_step=4: \(expected)"))
        #expect(expected.description.hasPrefix("the step output 'loss' is NaN after global_step 4; training stopped"))

        let arrays = try Harness()
        let error = #expect(throws: NumericsError.self) {
            try Trainer(arrays.config(makeBackend(), callbacks: [TerminateOnNaN(outputs: ["logits"])])).train()
        }
        #expect(error?.globalStep == 2 && error?.source == .output("logits") && error?.index == 1 && error?.value == .infinity)
        #expect(throws: OperationsError.unknownOutput(callback: "TerminateOnNaN", name: "logit", known: ["logits", "loss"])) {
            try Trainer(arrays.config(backend, callbacks: [TerminateOnNaN(outputs: ["logit"])])).train()
        }
    }

    @Test func checkNumericsNamesTheVariable() throws {
        let harness = try Harness()
        let backend = OperationsBackend()
        backend.stepAction = { step in
            if step == 4 { backend.state[1] = NamedArray(name: "dense/b", shape: [2], values: [0, -.infinity]) }
        }
        var failure: (any Error)?
        let watcher = LambdaCallback(setUp: { context in _ = context }, afterTrain: { failure = $0.failure })
        let error = #expect(throws: NumericsError.self) { try Trainer(harness.config(backend, callbacks: [CheckNumerics(), watcher])).train() }
        #expect(error == NumericsError(globalStep: 6, source: .variable("dense/b"), index: 1, value: -.infinity))
        #expect(failure is NumericsError)
    }

    @Test func earlyStoppingWaitsForPatienceChecks() throws {
        let harness = try Harness()
        let values = [5.0, 4.0, 4.05, 3.99, 4.5, 6.0, 1.0]
        let putter = StatPutter(["val-error"]) { ["val-error": values[$0 - 1]] }
        let stopper = EarlyStopping(stat: "val-error", patience: 3, minDelta: 0.02, direction: .min)
        let result = try Trainer(harness.config(OperationsBackend(), callbacks: [stopper, putter], stepsPerEpoch: 1, maxEpoch: 7)).train()
        // 4.05 and 3.99 (not below 4 - 0.02) and 4.5: three checks without improvement.
        #expect(result.outcome == .stopped("val-error did not improve by more than 0.02 for 3 checks (best 4 at global_step 2)"))
        #expect(result.epochNumber == 5)
        #expect(stopper.best == 4 && stopper.wait == 3)
    }

    @Test func earlyStoppingStateSurvivesAResume() throws {
        let values = [5.0, 4.0, 4.5, 4.4, 4.3, 4.2]
        func run(_ harness: Harness, from state: TrainingState?, maxEpoch: Int) throws -> (TrainingResult, TrainingState, EarlyStopping) {
            let putter = StatPutter(["acc"]) { ["acc": -values[$0 - 1]] }
            let stopper = EarlyStopping(stat: "acc", patience: 3, direction: .max)
            let trainer = Trainer(harness.config(OperationsBackend(), callbacks: [putter, stopper], stepsPerEpoch: 1, maxEpoch: maxEpoch))
            if let state { trainer.restore(state) }
            let result = try trainer.train()
            return (result, try trainer.exportState(), stopper)
        }
        let (first, state, stopper) = try run(try Harness(), from: nil, maxEpoch: 3)
        #expect(first.outcome == .completed)
        #expect(stopper.wait == 1)
        #expect(state.callbacks["EarlyStopping[acc]"] == .object(["best": .number(-4), "bestStep": .number(2), "wait": .number(1), "lastStep": .number(3)]))
        let (second, _, resumed) = try run(try Harness(), from: state, maxEpoch: 6)
        #expect(second.outcome == .stopped("acc did not improve by more than 0 for 3 checks (best -4 at global_step 2)"))
        #expect(second.epochNumber == 5)
        #expect(resumed.wait == 3)
    }

    @Test func earlyStoppingWithABaseline() throws {
        let harness = try Harness()
        let putter = StatPutter(["acc"]) { ["acc": Double($0) / 10] }
        let stopper = EarlyStopping(stat: "acc", patience: 2, direction: .max, baseline: 0.9)
        let result = try Trainer(harness.config(OperationsBackend(), callbacks: [putter, stopper], stepsPerEpoch: 1, maxEpoch: 5)).train()
        #expect(result.outcome == .stopped("acc did not improve by more than 0 for 2 checks (best 0.9 (baseline))"))
        #expect(result.epochNumber == 2)
    }

    @Test func timeLimitStopsAtTheFirstStepAfterTheLimitAndResumesItsClock() throws {
        let harness = try Harness()
        let backend = OperationsBackend()
        backend.clock = harness.clock
        backend.secondsPerStep = 2
        let limit = TimeLimit(seconds: 9)
        let trainer = Trainer(harness.config(backend, callbacks: [limit], stepsPerEpoch: 3, maxEpoch: 3))
        let result = try trainer.train()
        #expect(result.outcome == .stopped("the time limit of 9 seconds was reached (10 seconds of training)"))
        #expect(result.globalStep == 5)
        #expect(harness.messages.contains("TimeLimit: the time limit of 9 seconds was reached (10 seconds of training) at global_step 5"))

        let state = TrainingState(epochNumber: 1, globalStep: 3, callbacks: ["TimeLimit": .object(["elapsed": .number(6)])])
        let later = try Harness()
        let again = OperationsBackend()
        again.clock = later.clock
        again.secondsPerStep = 2
        let resumed = Trainer(later.config(again, callbacks: [TimeLimit(seconds: 9)], stepsPerEpoch: 3, maxEpoch: 3))
        resumed.restore(state)
        let second = try resumed.train()
        #expect(second.outcome == .stopped("the time limit of 9 seconds was reached (10 seconds of training)"))
        #expect(second.globalStep == 5)
    }

    @Test func dumpTensorsWritesExactNPYFiles() throws {
        let harness = try Harness()
        let dump = DumpTensors(names: ["logits", "loss"])
        _ = try Trainer(harness.config(OperationsBackend(), callbacks: [dump], maxEpoch: 1, logLocation: .at("log"))).train()
        let directory = harness.root.appendingPathComponent("log")
        let logits = try Data(contentsOf: DumpTensors.fileURL(name: "logits", globalStep: 3, logDirectory: directory))
        var expected = Data([0x93] + Array("NUMPY".utf8) + [1, 0, 118, 0])
        expected += Data("{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }".utf8)
        expected += Data(String(repeating: " ", count: 60).utf8) + Data("\n".utf8)
        expected += Data([0, 0, 0x40, 0x40, 0, 0, 0x40, 0xC0])
        #expect(logits == expected)
        #expect(logits.count == 128 + 8)
        let loss = try Data(contentsOf: DumpTensors.fileURL(name: "loss", globalStep: 3, logDirectory: directory))
        #expect(loss.count == 128 + 4)
        #expect(String(decoding: loss[10..<74], as: UTF8.self).hasPrefix("{'descr': '<f4', 'fortran_order': False, 'shape': (), }"))
        #expect(DumpTensors.fileURL(name: "a/b", globalStep: 7, logDirectory: directory).lastPathComponent == "a-b-7.npy")
        #expect(NPYFile.encode(shape: [2, 3], values: Array(repeating: 0, count: 6)).count == 128 + 24)

        guard let python = numpyPython() else { return }
        let check = try runProcess(python, ["-c", """
        import numpy as np, sys
        a = np.load(sys.argv[1]); b = np.load(sys.argv[2])
        print(a.dtype, a.shape, a.tolist(), b.shape, float(b))
        """, DumpTensors.fileURL(name: "logits", globalStep: 3, logDirectory: directory).path,
        DumpTensors.fileURL(name: "loss", globalStep: 3, logDirectory: directory).path])
        #expect(check.status == 0)
        #expect(check.output == "float32 (2,) [3.0, -3.0] () 0.3333333432674408\n")
    }
}
