// A convolutional autoencoder on 28×28 digits (docs/TrainYourOwnModel.md): the encoder
// (Conv2D + max pooling, 28 → 14 → 7) squeezes each image into 8×7×7 numbers, the decoder
// (Upsample2D + Conv2D, 7 → 14 → 28) rebuilds it; the cost is the pixel MSE. Validation
// reports `val_mse` (MinSaver keeps the best checkpoint by it) against the baseline of
// predicting the mean training image, and every epoch puts input/reconstruction pairs
// (top row / bottom row) into TensorBoard as the image `reconstruction`.
// With --distributed it trains data-parallel over the ranks of an MPI job (DataParallelModelStep):
//   swift build -c release --traits MPI --product conv-autoencoder
//   mpirun -np 2 .build/release/conv-autoencoder --distributed [--batch-size 32 (per rank)] …
//
//   swift run -c release conv-autoencoder [--data MNIST_DIR] [--epochs 6] [--steps-per-epoch N]
//       [--batch-size 64] [--train-size 8192] [--val-size 1024] [--logdir train_log/conv-autoencoder]
import ArgumentParser
import ExampleSupport
import Foundation
import LoomData
import LoomDistributed
import LoomEngine
import LoomNN
import LoomTensor
import LoomTraining

@main struct ConvAutoencoder: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "conv-autoencoder", abstract: "Trains a convolutional autoencoder on MNIST-format digits.")

    @OptionGroup var training: TrainingOptions
    @Option(help: "A directory with MNIST IDX files (train-images-idx3-ubyte, t10k-images-idx3-ubyte, raw or .gz); default: synthetic digits.")
    var data: String?
    @Option(help: "Training images.") var trainSize = 8192
    @Option(help: "Validation images.") var valSize = 1024
    @Flag(help: "Train data-parallel over the ranks of an MPI job (mpirun -np N; a build with --traits MPI).") var distributed = false

    /// Encoder 1×28×28 → 8×7×7, decoder back to 1×28×28 (linear output: a sigmoid saturates and stalls).
    static func makeNetwork(seed: UInt64 = 1) -> Sequential {
        var generator = LoomTensor.SeededGenerator(seed: seed)
        return Sequential([
            ("conv1", Conv2D(inputChannels: 1, outputChannels: 16, kernelSize: (3, 3), generator: &generator)), ("relu1", Activation(.relu)),
            ("pool1", Pooling.max(size: (2, 2))),
            ("conv2", Conv2D(inputChannels: 16, outputChannels: 8, kernelSize: (3, 3), generator: &generator)), ("relu2", Activation(.relu)),
            ("pool2", Pooling.max(size: (2, 2))),
            ("up1", Upsample2D(scale: 2)),
            ("conv3", Conv2D(inputChannels: 8, outputChannels: 16, kernelSize: (3, 3), generator: &generator)), ("relu3", Activation(.relu)),
            ("up2", Upsample2D(scale: 2)),
            ("conv4", Conv2D(inputChannels: 16, outputChannels: 1, kernelSize: (3, 3), initializer: .glorotUniform, generator: &generator)),
        ])
    }

    /// The pixel MSE between the images and their reconstructions; output `mse`.
    static func reconstructionError(_ model: Model, _ batch: TensorBatch, _ context: CostContext) -> ModelOutputs {
        let images = batch["image"]
        let cost = Loss.meanSquaredError(model(images), images)
        var outputs = ModelOutputs(cost: cost)
        outputs.scalar("mse") { cost.scalar }
        return outputs
    }

    func run() throws {
        let communicator = try Self.communicator(distributed: distributed)
        guard distributed else { return try train(communicator) }
        // A failing rank ends the whole job with its message instead of leaving the others waiting.
        DistributedRun(communicator: communicator).run { try train(communicator) }
        Self.finish(communicator)
    }

    /// Trains on this rank (the only one without `--distributed`); rank 0 prints.
    func train(_ communicator: any Communicator) throws {
        let epochs = training.epochs ?? 6, batchSize = training.batchSize ?? 64
        let logDirectory = training.logDirectory(default: "train_log/conv-autoencoder")
        let digits = try DigitImages(directory: data.map { URL(fileURLWithPath: $0) }, trainSize: trainSize, validationSize: valSize)
        let say = { (line: String) in if communicator.isChief { print(line) } }
        say("data: \(digits.train.size) training and \(digits.validation.size) validation images (\(digits.source))")
        say(String(format: "baseline: predicting the mean training image gives val_mse %.5f", digits.meanImageValidationMSE))

        // Data-parallel: each rank trains on its --batch-size slice of every global batch and the
        // gradients are averaged (DataParallelModelStep); one process takes whole batches.
        let model = Model(Self.makeNetwork(), seed: 1)
        let parallel = distributed ? DataParallelModelStep(communicator: communicator) : nil
        try parallel?.synchronize(model)
        let globalBatch = batchSize * communicator.size
        let backend = try ModelBackend(
            model: model, optimizers: [.all(.adam(learningRate: 3e-3))],
            data: ShardedBatches(try BatchData(ShuffleData(digits.train, seed: 1), batchSize: globalBatch), shard: DataShard(communicator)),
            outputs: ["mse"], movingAverages: ["mse"],
            batch: { try TensorBatch($0, names: ["image"]) }, cost: Self.reconstructionError,
            step: parallel.map { parallel in { try parallel.step($0, $1, $2) } })
        let validation = try ModelInferenceSource(samples: digits.validation, batchSize: 256, backend: backend) { Model(Self.makeNetwork()) }

        // Input/reconstruction pairs of the first 8 validation images, every epoch (tensorpack's DumpTensorAsImage).
        let shown = digits.validationImages(8)
        let pairs = LambdaCallback(name: "ReconstructionImages", chiefOnly: true, trigger: { context in
            let input = Tensor(shape: [shown.count, 1, 28, 28], scalars: shown.flatMap { $0 })
            let output = Tensor.withoutGradients { model(input) }.scalars
            let reconstructions = (0..<shown.count).map { Array(output[($0 * 784)..<(($0 + 1) * 784)]) }
            try context.monitors.put(image: ImageGrid.make(shown + reconstructions, height: 28, width: 28, columns: shown.count),
                                     name: "reconstruction")
        })
        var callbacks: [any Callback] = [
            ModelSaver(maxToKeep: 2),
            InferenceRunner(validation, [ScalarStats(["mse"], prefix: "val")]),  // val_mse
            MinSaver("val_mse"),
            pairs,
            // Fixed epochs (not derived from --epochs): a run continued with more epochs keeps its schedule.
            ScheduledHyperParamSetter("learning_rate", schedule: [(1, 3e-3), (5, 1e-3)]),
        ]
        // hyper.txt is in rank 0's log directory: rank 0 reads it, then hands its rate to every rank.
        if communicator.isChief { callbacks.append(HumanHyperParamSetter("learning_rate")) }
        if distributed { callbacks.append(HyperParamBroadcast(["learning_rate"], communicator: communicator)) }
        let config = DistributedRun(communicator: communicator).configure(TrainConfig(
            backend: backend, callbacks: callbacks, stepsPerEpoch: training.stepsPerEpoch ?? max(1, digits.train.size / globalBatch),
            maxEpoch: epochs, logLocation: .at(logDirectory.path), logDirectoryAction: .keep))
        let resume = distributed ? try DistributedResume(communicator: communicator).autoResume(config, policy: .ifAvailable) : try AutoResume(config)
        say(ExampleRun.summary(of: try resume.train(), maxEpoch: epochs, logDirectory: logDirectory))
    }
}
