import Foundation
@testable import LoomTraining

/// A deterministic backend whose numbers depend on everything a resume must restore:
/// each step draws `x` from a seeded SplitMix64 generator (its state is the resume
/// state's `rng`, the number of draws its `dataPosition`) and moves the weights
/// `w ← w − lr·(w − x)`, with a velocity array as "optimizer state"; the loss is
/// `Σ (w − 0.5)²`. A wrong array, RNG state or learning rate after a resume changes every
/// later loss.
final class DriftBackend: TrainingBackend {
    var weights: [Float] = [2, -1, 0.25]
    var velocity: [Float] = [0, 0, 0]
    var rng: UInt64
    var draws = 0
    var learningRate = 0.2
    private(set) var steps = 0

    init(seed: UInt64 = 42) { rng = seed }

    var outputNames: Set<String> { ["loss"] }
    var movingAverageNames: [String] { ["loss"] }
    var hyperparameterNames: [String] { ["learning_rate"] }

    private func next() -> Float {
        rng &+= 0x9E37_79B9_7F4A_7C15
        var z = rng
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        draws += 1
        return Float(z >> 40) / Float(1 << 24)
    }

    var loss: Double { weights.reduce(0) { $0 + Double(($1 - 0.5) * ($1 - 0.5)) } }

    func runStep(_ request: StepRequest) throws -> StepOutputs {
        steps += 1
        for index in weights.indices {
            let x = next()
            let delta = Float(learningRate) * (weights[index] - x)
            velocity[index] = 0.9 * velocity[index] + delta
            weights[index] -= delta + 0.1 * velocity[index]
        }
        var outputs = StepOutputs()
        if request.fetches.contains("loss") { outputs.values["loss"] = .scalar(loss) }
        return outputs
    }

    func hyperparameter(_ name: String) throws -> Double { learningRate }
    func setHyperparameter(_ name: String, to value: Double) throws { learningRate = value }

    func exportState() throws -> [NamedArray] {
        [NamedArray(name: "model/w", shape: [3], values: weights),
         NamedArray(name: "optimizer/model/w/velocity", shape: [3], values: velocity)]
    }

    func importState(_ arrays: [NamedArray]) throws {
        for array in arrays {
            switch array.name {
            case "model/w": weights = array.values
            case "optimizer/model/w/velocity": velocity = array.values
            default: throw StateDecodingError(owner: "DriftBackend", message: "unknown array \(array.name)")
            }
        }
    }

    func exportResumeState() throws -> BackendResumeState {
        BackendResumeState(dataPosition: .object(["draws": .number(Double(draws))]), rng: .string(String(rng)))
    }

    func importResumeState(_ state: BackendResumeState) throws {
        guard let text = state.rng.stringValue, let value = UInt64(text), let count = state.dataPosition["draws"]?.intValue else {
            throw StateDecodingError(owner: "DriftBackend", message: "bad resume state \(state)")
        }
        rng = value
        draws = count
    }
}

/// Puts `val-loss` = `|w₀ − 0.3|` of a ``DriftBackend`` at each trigger (an inference stand-in).
final class WeightStat: Callback {
    let stat: String
    private var context: TrainerContext?
    init(_ stat: String = "val-loss") { self.stat = stat }
    var chiefOnly: Bool { false }
    var stepEvents: StepEvents { [] }
    var producedStats: [String] { [stat] }
    func setUp(_ context: TrainerContext) throws { self.context = context }
    func trigger() throws {
        guard let context, let backend = context.backend as? DriftBackend else { return }
        try context.monitors.put(scalar: Double(abs(backend.weights[0] - 0.3)), name: stat)
    }
}

/// Throws ``Crash`` before the step after global step `step` (a crash in the middle of
/// an epoch, once every callback and monitor finished step `step`).
final class CrashAt: Callback {
    struct Crash: Error, Equatable {}
    let step: Int
    private var loop: LoopState?
    init(step: Int) { self.step = step }
    var chiefOnly: Bool { false }
    var stepEvents: StepEvents { .beforeStep }
    func setUp(_ context: TrainerContext) throws { loop = context.loop }
    func beforeStep(_ request: inout StepRequest) throws { if loop?.globalStep == step { throw Crash() } }
}

/// Throws ``StopTraining`` after global step `step` (e.g. a time limit).
final class StopAt: Callback {
    let step: Int
    private var loop: LoopState?
    init(step: Int) { self.step = step }
    var chiefOnly: Bool { false }
    var stepEvents: StepEvents { .triggerStep }
    func setUp(_ context: TrainerContext) throws { loop = context.loop }
    func triggerStep() throws { if loop?.globalStep == step { throw StopTraining("time limit") } }
}

/// Files in `directory` whose names end with `.safetensors`, sorted.
func checkpointFiles(in directory: URL) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
        .filter { $0.hasSuffix(".safetensors") }.sorted()
}
