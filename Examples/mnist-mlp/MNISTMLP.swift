// A two-layer MLP on MNIST with Adam: the smallest real training job. Shows reading IDX
// files (raw or .gz), a validation runner, keeping the best checkpoint, a step-wise
// learning-rate schedule, and resuming by rerunning with the same --logdir.
//
//   swift run -c release mnist-mlp DATA_DIR [--epochs 10] [--steps-per-epoch N]
//       [--logdir train_log/mnist-mlp] [--train-size N] [--val-size N] [--batch-size 64]
// DATA_DIR holds train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte
// and t10k-labels-idx1-ubyte (each may end in .gz), as distributed. `--help` lists the options.
import ArgumentParser
import ExampleSupport
import Foundation
import LoomData
import LoomEngine
import LoomTraining

@main struct MNISTMLP: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "mnist-mlp", abstract: "Trains a two-layer MLP on MNIST IDX files.")

    @Argument(help: "A directory with train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte and t10k-labels-idx1-ubyte (each may end in .gz).")
    var dataDirectory: String
    @OptionGroup var training: TrainingOptions
    @OptionGroup var sizes: SplitSizeOptions

    func run() throws {
        let batchSize = training.batchSize ?? 64, epochs = training.epochs ?? 10
        let logDirectory = training.logDirectory(default: "train_log/mnist-mlp")
        let directory = URL(fileURLWithPath: dataDirectory, isDirectory: true)
        let train = try MNIST(directory: directory, split: .train), test = try MNIST(directory: directory, split: .test)
        let trainSize = sizes.trainSize ?? train.size, valSize = sizes.valSize ?? test.size
        let batches = try BatchData(FixedSizeData(ShuffleData(train, seed: 1), size: trainSize), batchSize: batchSize)

        let recipe = ClassifierRecipe(.mlp)  // flatten, 256, 256, 10
        let classifier = try recipe.makeClassifier(sampleShape: [28, 28], classes: 10, seed: 1)
        let backend = try ClassifierBackend(classifier: classifier, optimizer: .adam(learningRate: 1e-3), data: batches)
        let validation = try ClassifierInferenceSource(samples: try FixedSizeData(test, size: valSize), batchSize: 256,
                                                       classifier: classifier, recipe: recipe, sampleShape: [28, 28])

        let callbacks: [any Callback] = [
            ModelSaver(maxToKeep: 3),
            InferenceRunner(validation, [ClassificationError(wrongName: "wrong-top1", summaryName: .valErrorTop1), ScalarStats("cost")]),
            MinSaver(.valErrorTop1),  // keeps min-val-error-top1.safetensors
            ScheduledHyperParamSetter(.learningRate, schedule: [(5, 3e-4), (8, 1e-4)]),
        ]
        let config = TrainConfig(backend: backend, callbacks: callbacks, stepsPerEpoch: training.stepsPerEpoch ?? max(1, trainSize / batchSize),
                                 maxEpoch: epochs, logLocation: .at(logDirectory.path), logDirectoryAction: .keep)
        print(try ExampleRun.train(config, logDirectory: logDirectory))
    }
}
