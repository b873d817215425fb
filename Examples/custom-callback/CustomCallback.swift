// Write your own callback (see docs/WriteACallback.md). `StepExtremes` rides on the
// training step: `beforeStep` asks for the per-step `cost` and `train-error-top1` (the
// error of the batch just trained on, no extra gradient work), `afterStep` keeps their
// maximum, and `trigger()` puts them as stats and starts over. `PeriodicTrigger` runs it
// every N steps instead of once per epoch; a `LambdaCallback` adds a one-liner.
// Trains a small MLP on synthetic 8x8 digits, so it needs no data.
//
//   swift run custom-callback [--epochs 2] [--steps-per-epoch 5] [--every 3] [--batch-size 16]
//       [--logdir train_log/custom-callback]
// Afterwards `<logdir>/stats.json` holds `max-step-cost` and `max-step-train-error-top1`
// at global steps every, 2*every, … `--help` lists the options.
import ArgumentParser
import ExampleSupport
import LoomData
import LoomEngine
import LoomTraining

@main struct CustomCallback: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "custom-callback", abstract: "Trains a small MLP on synthetic 8×8 digits with a callback of its own (StepExtremes).")

    // Not ExampleSupport's TrainingOptions: this run starts afresh each time (no resume) and
    // has fixed defaults, which that group's help texts would misstate.
    @Option(help: "Epochs to train.") var epochs = 2
    @Option(help: "Steps per epoch.") var stepsPerEpoch = 5
    @Option(help: "Samples per training batch.") var batchSize = 16
    @Option(help: "Run StepExtremes every this many steps.") var every = 3
    @Option(help: "The log directory (emptied first).") var logdir = "train_log/custom-callback"

    func validate() throws {
        try PositiveOptions.check([("epochs", epochs), ("steps-per-epoch", stepsPerEpoch), ("batch-size", batchSize), ("every", every)])
    }

    func run() throws {
        let digits = SyntheticDigits.tiny(count: 320)
        let recipe = { var recipe = ClassifierRecipe(.mlp); recipe.hidden = [32]; return recipe }()
        let classifier = try recipe.makeClassifier(sampleShape: [8, 8], classes: 10, seed: 1)
        let backend = try ClassifierBackend(classifier: classifier, optimizer: .adam(learningRate: 3e-3),
                                            data: try BatchData(ShuffleData(digits, seed: 1), batchSize: batchSize))
        let callbacks: [any Callback] = [
            PeriodicTrigger(StepExtremes(), everySteps: every),
            LambdaCallback(name: "EpochLine", afterEpoch: { context in
                context.logger.info("epoch \(context.loop.epochNumber) done, max step cost \(context.monitors.latest("max-step-cost") ?? .nan)")
            }),
        ]
        let config = TrainConfig(backend: backend, callbacks: callbacks, stepsPerEpoch: stepsPerEpoch, maxEpoch: epochs,
                                 logLocation: .at(logdir), logDirectoryAction: .delete)
        _ = try Trainer(config).train()
        print("done; see \(logdir)/stats.json")
    }
}
