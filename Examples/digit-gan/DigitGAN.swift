// A GAN on 28×28 digits (tensorpack's GANTrainer): an MLP generator (32 noise values → image)
// and an MLP discriminator (image → logit) in one model, each with its own Adam optimizer
// (`generator/learning_rate`, `discriminator/learning_rate`), trained by a custom step that
// updates the discriminator, then the generator (binary cross-entropy with logits). Noise is
// drawn from the model's generator, so a resumed run continues exactly (both optimizers'
// state is in every checkpoint). Every epoch a grid of 32 samples from fixed noise goes to
// TensorBoard (`samples`) with `sample_mean_mse` (MinSaver keeps the best checkpoint by it);
// validation reports the discriminator's `val_d_loss`, `val_g_loss`, `val_d_accuracy`.
//
//   swift run -c release digit-gan [--data MNIST_DIR] [--epochs 30] [--steps-per-epoch N]
//       [--batch-size 64] [--train-size 8192] [--val-size 512] [--logdir train_log/digit-gan]
import ArgumentParser
import ExampleSupport
import Foundation
import LoomData
import LoomEngine
import LoomNN
import LoomTensor
import LoomTraining

@main struct DigitGAN: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "digit-gan", abstract: "Trains a GAN on MNIST-format digits.")

    @OptionGroup var training: TrainingOptions
    @Option(help: "A directory with MNIST IDX files (train-images-idx3-ubyte, t10k-images-idx3-ubyte, raw or .gz); default: synthetic digits.")
    var data: String?
    @Option(help: "Training images.") var trainSize = 8192
    @Option(help: "Validation images.") var valSize = 512

    func run() throws {
        let epochs = training.epochs ?? 30, batchSize = training.batchSize ?? 64
        let logDirectory = training.logDirectory(default: "train_log/digit-gan")
        let digits = try DigitImages(directory: data.map { URL(fileURLWithPath: $0) }, trainSize: trainSize, validationSize: valSize)
        print("data: \(digits.train.size) training and \(digits.validation.size) validation images (\(digits.source))")
        let networks = GANNetworks(seed: 1)
        let model = Model(networks, seed: 1)
        print(String(format: "baseline: the untrained generator's sample_mean_mse is %.5f", GANSamples.meanMSE(networks, digits.meanTrainingImage)))

        let groups = [OptimizerGroup("discriminator", .adam(learningRate: 5e-4, beta1: 0.5), prefixes: ["disc/"]),
                      OptimizerGroup("generator", .adam(learningRate: 5e-4, beta1: 0.5), prefixes: ["gen/"])]
        let backend = try ModelBackend(
            model: model, optimizers: groups, data: try BatchData(ShuffleData(digits.train, seed: 1), batchSize: batchSize),
            outputs: ["d_loss", "g_loss", "d_accuracy"], movingAverages: ["d_loss", "g_loss"],
            batch: { try TensorBatch($0, names: ["image"]) }, cost: GANNetworks.discriminatorCost,
            step: { backend, batch, context in
                backend.zeroGradients()
                let discriminator = try backend.computeCost(batch, context)
                discriminator.cost.backward()
                try backend.update("discriminator")
                backend.zeroGradients()
                let judged = networks.forward(networks.fake(batch.count, using: &model.context.generator, context: model.context), context: model.context)
                let generatorCost = Loss.binaryCrossEntropy(logits: judged, targets: Tensor(ones: judged.shape))
                generatorCost.backward()
                try backend.update("generator")
                let dLoss = discriminator.cost.scalar, gLoss = generatorCost.scalar
                var outputs = ModelOutputs(cost: Tensor(dLoss + gLoss))
                outputs.scalar("d_loss") { dLoss }
                outputs.scalar("g_loss") { gLoss }
                outputs.set("d_accuracy") { discriminator.value("d_accuracy") ?? .scalar(.nan) }
                return outputs
            })
        let validation = try ModelInferenceSource(samples: digits.validation, batchSize: 256, backend: backend) { Model(GANNetworks(seed: 1)) }
        let callbacks: [any Callback] = [
            ModelSaver(maxToKeep: 2),
            InferenceRunner(validation, [ScalarStats(["d_loss", "g_loss", "d_accuracy"], prefix: "val")]),
            GANSamples(networks: networks, meanImage: digits.meanTrainingImage),
            MinSaver("sample_mean_mse"),
            // Fixed epochs (not derived from --epochs): a run continued with more epochs keeps its schedule.
            ScheduledHyperParamSetter("generator/learning_rate", schedule: [(1, 5e-4), (23, 2e-4)]),
            ScheduledHyperParamSetter("discriminator/learning_rate", schedule: [(1, 5e-4), (23, 2e-4)]),
            HumanHyperParamSetter("generator/learning_rate"),  // edit <logdir>/hyper.txt to change the rates live
            HumanHyperParamSetter("discriminator/learning_rate", writesTemplate: false),
        ]
        let config = TrainConfig(backend: backend, callbacks: callbacks, stepsPerEpoch: training.stepsPerEpoch ?? max(1, digits.train.size / batchSize),
                                 maxEpoch: epochs, logLocation: .at(logDirectory.path), logDirectoryAction: .keep)
        print(try ExampleRun.train(config, logDirectory: logDirectory))
    }
}
