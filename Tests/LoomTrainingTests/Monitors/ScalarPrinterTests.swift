import Foundation
import Testing
@testable import LoomTraining

@Suite struct ScalarPrinterTests {
    @Test func formatsLikePythonG5() {
        #expect(Formatting.significant5(123456.789) == "1.2346e+05")
        #expect(Formatting.significant5(0.000012345) == "1.2345e-05")
        #expect(Formatting.significant5(1.0) == "1")
        #expect(Formatting.significant5(12345.67) == "12346")
        #expect(Formatting.significant5(0.0001) == "0.0001")
        #expect(Formatting.significant5(-2.5) == "-2.5")
        #expect(Formatting.significant5(.nan) == "nan")
    }

    @Test func valuesDecayedTowardsZeroPrintAsZero() {
        #expect(Formatting.zeroFloor == 1e-12)
        for tiny in [1e-37, -1e-100, 1e-13, Double.leastNonzeroMagnitude, Double(Float.leastNonzeroMagnitude), 0, -0.0] {
            #expect(Formatting.significant5(tiny) == "0", "\(tiny)")
            #expect(Formatting.significant(tiny, digits: 4) == "0", "\(tiny)")
        }
        #expect(Formatting.significant5(1e-12) == "1e-12")
        #expect(Formatting.significant5(-3.5e-11) == "-3.5e-11")
        #expect(Formatting.significant(0.000123456, digits: 4) == "0.0001235")
        #expect(Formatting.significant(.infinity, digits: 4) == "inf")
    }

    private func putter() -> LambdaCallback {
        LambdaCallback(
            triggerStep: { context in try context.monitors.put(scalar: Double(context.loop.globalStep), name: "step") },
            trigger: { context in
                for (name, value) in [("loss", 0.123456), ("val-error", 0.5), ("lr", 1e-5), ("train-error", 123456.789)] {
                    try context.monitors.put(scalar: value, name: name)
                }
            })
    }

    @Test func printsSortedFilteredValuesEachEpoch() throws {
        let harness = try Harness()
        let printer = ScalarPrinter(whitelist: ["loss|error", "^step$"], blacklist: ["^val"])
        _ = try Trainer(harness.config(FakeBackend(), callbacks: [putter()], monitors: [printer], maxEpoch: 1)).train()
        let printed = harness.messages.filter { $0.contains(": ") && !$0.hasPrefix("Epoch") }
        #expect(printed == ["loss: 0.12346", "step: 3", "train-error: 1.2346e+05"])
        #expect(printer.allows("my-loss") && !printer.allows("val-loss") && !printer.allows("lr"))
    }

    @Test func stepPrintingSkipsAnEpochsLastStep() throws {
        let harness = try Harness()
        let printer = ScalarPrinter(enableStep: true, whitelist: ["step|lr"])
        _ = try Trainer(harness.config(FakeBackend(), callbacks: [putter()], monitors: [printer], maxEpoch: 1)).train()
        let printed = harness.messages.filter { $0.hasPrefix("step: ") || $0.hasPrefix("lr: ") }
        #expect(printed == ["step: 1", "step: 2", "lr: 1e-05", "step: 3"])
    }

    @Test func badPatternIsAClearError() throws {
        let harness = try Harness()
        #expect(throws: TrainerError.invalidConfiguration("ScalarPrinter: '(' is not a valid regular expression")) {
            try Trainer(harness.config(FakeBackend(), monitors: [ScalarPrinter(whitelist: ["("])])).train()
        }
    }
}
