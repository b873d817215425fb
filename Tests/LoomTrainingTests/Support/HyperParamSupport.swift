import Foundation
@testable import LoomTraining

/// A fake backend with two hyperparameters (`learning_rate` 0.1, `momentum` 0.9); steps
/// come from a ``FakeBackend``. Like a real optimizer it refuses a negative learning rate.
final class HyperBackend: TrainingBackend {
    let inner = FakeBackend()
    var values: [String: Double] = ["learning_rate": 0.1, "momentum": 0.9]
    var outputNames: Set<String> { inner.outputNames }
    var hyperparameterNames: [String] { ["learning_rate", "momentum"] }
    func runStep(_ request: StepRequest) throws -> StepOutputs { try inner.runStep(request) }
    func hyperparameter(_ name: String) throws -> Double { values[name] ?? .nan }
    func setHyperparameter(_ name: String, to value: Double) throws {
        if name == "learning_rate", value < 0 { throw RangeError(description: "learning_rate cannot be \(value)") }
        values[name] = value
    }
    func exportState() throws -> [NamedArray] { [] }
    func importState(_ arrays: [NamedArray]) throws {}
}

/// What ``HyperBackend`` throws for a value out of range.
struct RangeError: Error, CustomStringConvertible {
    let description: String
}

/// Records the value of `learning_rate` in force during each step (read in `beforeStep`).
final class RateRecorder: Callback {
    private(set) var byStep: [Int: Double] = [:]
    private var context: TrainerContext?
    let param: String
    init(_ param: String = "learning_rate") { self.param = param }
    var chiefOnly: Bool { false }
    var stepEvents: StepEvents { .beforeStep }
    func setUp(_ context: TrainerContext) throws { self.context = context }
    func beforeStep(_ request: inout StepRequest) throws {
        guard let context else { return }
        byStep[context.loop.globalStep + 1] = try context.hyperparameters.value(param)
    }
    /// Values for global steps `from...to`.
    func values(_ steps: ClosedRange<Int>) -> [Double] { steps.map { byStep[$0] ?? .nan } }
}

/// Puts stat `name` with value `values[epoch - 1]` at each epoch's trigger (nothing when
/// the value is `nil` or the epoch is past the list).
final class StatProducer: Callback {
    let stat: String
    let values: [Double?]
    private var context: TrainerContext?
    init(_ stat: String, _ values: [Double?]) {
        self.stat = stat
        self.values = values
    }
    var chiefOnly: Bool { false }
    var stepEvents: StepEvents { [] }
    var producedStats: [String] { [stat] }
    func setUp(_ context: TrainerContext) throws { self.context = context }
    func trigger() throws {
        guard let context else { return }
        let index = context.loop.epochNumber - 1
        if index < values.count, let value = values[index] { try context.monitors.put(scalar: value, name: stat) }
    }
}

/// Runs a trainer; with `resumeAfter` it runs epochs `1...k` first, then a new trainer
/// (fresh backend, state restored through JSON) for the rest, sharing the recorder.
struct HyperRun {
    var stepsPerEpoch = 3
    var maxEpoch = 4
    var logLocation: LogLocation = .none
    /// Whether the restored state carries the backend's hyperparameters; without them the
    /// resumed backend starts at its configured value, like a checkpoint that lacks them.
    var restoresHyperparameters = true

    /// - Returns: the recorder, the last trainer, and the harness of the last run.
    func run(resumeAfter: Int? = nil, _ makeCallbacks: () -> [any Callback]) throws -> (RateRecorder, Trainer, Harness) {
        let recorder = RateRecorder()
        var restored: TrainingState?
        if let k = resumeAfter {
            let harness = try Harness()
            let trainer = Trainer(harness.config(HyperBackend(), callbacks: makeCallbacks() + [recorder], extra: [],
                                                 stepsPerEpoch: stepsPerEpoch, maxEpoch: k, logLocation: logLocation))
            _ = try trainer.train()
            restored = try JSONDecoder().decode(TrainingState.self, from: JSONEncoder().encode(trainer.exportState()))
            if !restoresHyperparameters { restored?.hyperparameters = [:] }
        }
        let harness = try Harness()
        let trainer = Trainer(harness.config(HyperBackend(), callbacks: makeCallbacks() + [recorder], extra: [],
                                             stepsPerEpoch: stepsPerEpoch, maxEpoch: maxEpoch, logLocation: logLocation))
        if let restored { trainer.restore(restored) }
        _ = try trainer.train()
        return (recorder, trainer, harness)
    }
}

extension Harness {
    /// Messages that start with `prefix`.
    func messages(starting prefix: String) -> [String] { messages.filter { $0.hasPrefix(prefix) } }
}
