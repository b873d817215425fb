// Write your own callback (see docs/WriteACallback.md). `StepExtremes` rides on the
// training step: `beforeStep` asks for the per-step `cost` and `train-error-top1` (the
// error of the batch just trained on, no extra gradient work), `afterStep` keeps their
// maximum, and `trigger()` puts them as stats and starts over. `PeriodicTrigger` runs it
// every N steps instead of once per epoch; a `LambdaCallback` adds a one-liner.
// Trains a small MLP on synthetic 8x8 digits, so it needs no data.
//
//   swift run custom-callback [--epochs 2] [--steps-per-epoch 5] [--every 3] [--logdir train_log/custom-callback]
// Afterwards `<logdir>/stats.json` holds `max-step-cost` and `max-step-train-error-top1`
// at global steps every, 2*every, …
import Foundation
import LoomData
import LoomEngine
import LoomTraining

/// Puts the largest per-step `cost` and `train-error-top1` seen since its last trigger.
final class StepExtremes: Callback {
    private var context: TrainerContext?
    private var maxCost = -Double.infinity, maxError = -Double.infinity

    var chiefOnly: Bool { false }
    var stepEvents: StepEvents { [.beforeStep, .afterStep] }
    var producedStats: [String] { ["max-step-cost", "max-step-train-error-top1"] }

    func setUp(_ context: TrainerContext) throws { self.context = context }

    func beforeStep(_ request: inout StepRequest) throws { request.fetch(["cost", "train-error-top1"]) }

    func afterStep(_ outputs: StepOutputs) throws {
        maxCost = max(maxCost, outputs.scalar("cost") ?? maxCost)
        maxError = max(maxError, outputs.scalar("train-error-top1") ?? maxError)
    }

    func trigger() throws {
        guard let context, maxCost.isFinite else { return }
        try context.monitors.put(scalar: maxCost, name: "max-step-cost")
        try context.monitors.put(scalar: maxError, name: "max-step-train-error-top1")
        (maxCost, maxError) = (-.infinity, -.infinity)
    }
}

var options: [String: String] = [:]
for pair in stride(from: 1, to: CommandLine.arguments.count - 1, by: 2) {
    options[String(CommandLine.arguments[pair].drop { $0 == "-" })] = CommandLine.arguments[pair + 1]
}
@MainActor func option(_ name: String, _ fallback: Int) -> Int { options[name].flatMap { Int($0) }.map { max(1, $0) } ?? fallback }

let digits = SyntheticDigits.tiny(count: 320)
let recipe = { var recipe = ClassifierRecipe(.mlp); recipe.hidden = [32]; return recipe }()
let classifier = try recipe.makeClassifier(sampleShape: [8, 8], classes: 10, seed: 1)
let backend = try ClassifierBackend(classifier: classifier, optimizer: .adam(learningRate: 3e-3),
                                    data: try BatchData(ShuffleData(digits, seed: 1), batchSize: 16))
let callbacks: [any Callback] = [
    PeriodicTrigger(StepExtremes(), everySteps: option("every", 3)),
    LambdaCallback(name: "EpochLine", afterEpoch: { context in
        context.logger.info("epoch \(context.loop.epochNumber) done, max step cost \(context.monitors.latest("max-step-cost") ?? .nan)")
    }),
]
let logDirectory = options["logdir"] ?? "train_log/custom-callback"
let config = TrainConfig(backend: backend, callbacks: callbacks, stepsPerEpoch: option("steps-per-epoch", 5), maxEpoch: option("epochs", 2),
                         logLocation: .at(logDirectory), logDirectoryAction: .delete)
_ = try Trainer(config).train()
print("done; see \(logDirectory)/stats.json")
