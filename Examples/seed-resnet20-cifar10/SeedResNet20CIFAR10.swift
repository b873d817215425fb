// The seed's job as library code: ResNet-20 on CIFAR-10 with the seed's whole callback list
// (augmentation, checkpoints, best-model saver, validation top-1/top-5 errors, the learning-rate schedule,
// live edits through hyper.txt, SendStat, GPU tracking, an injectable shell) plus the
// trainer's defaults (moving averages, progress bar, TensorBoard events, stats.json).
// SGD momentum 0.9, lr 0.1, weight decay 1e-4, batch 128. Rerunning the same --logdir
// continues from its latest checkpoint (AutoResume).
//
//   swift run -c release seed-resnet20-cifar10 DATA_DIR [--epochs 100] [--steps-per-epoch N]
//       [--logdir train_log/resnet20-cifar10] [--train-size N] [--val-size N] [--batch-size 128]
// DATA_DIR holds data_batch_1.bin … data_batch_5.bin and test_batch.bin (binary CIFAR-10).
// `--help` lists the options.
import ArgumentParser
import ExampleSupport
import Foundation
import LoomData
import LoomEngine
import LoomTraining

@main struct SeedResNet20CIFAR10: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seed-resnet20-cifar10", abstract: "Trains ResNet-20 on CIFAR-10 with the seed's whole callback list.")

    @Argument(help: "A directory with data_batch_1.bin … data_batch_5.bin and test_batch.bin (binary CIFAR-10).")
    var dataDirectory: String
    @OptionGroup var training: TrainingOptions
    @OptionGroup var sizes: SplitSizeOptions

    func run() throws {
        let batchSize = training.batchSize ?? 128, epochs = training.epochs ?? 100
        let logDirectory = training.logDirectory(default: "train_log/resnet20-cifar10")
        let directory = URL(fileURLWithPath: dataDirectory, isDirectory: true)

        // Data: shuffled training batches augmented as in the ResNet paper (4-pixel zero padding,
        // a random 32×32 crop, a random horizontal flip; seeded per epoch and image, so resume is
        // exact), the test split in order for validation.
        let train = try CIFAR10(directory: directory, split: .train), test = try CIFAR10(directory: directory, split: .test)
        let trainSize = sizes.trainSize ?? train.size, valSize = sizes.valSize ?? test.size
        let augmented = MapData(ShuffleData(train, seed: 1), seed: 2, augmentation: ImageAugmentation([.padAndRandomCrop(padding: 4), .horizontalFlip]))
        let batches = try BatchData(FixedSizeData(augmented, size: trainSize), batchSize: batchSize)

        // Model and backend.
        var recipe = ClassifierRecipe(.resnet20)
        recipe.weightDecay = 1e-4
        let classifier = try recipe.makeClassifier(sampleShape: [3, 32, 32], classes: 10, seed: 1)
        let backend = try ClassifierBackend(classifier: classifier, optimizer: .sgd(learningRate: 0.1, momentum: 0.9), data: batches)
        let validation = try ClassifierInferenceSource(samples: try FixedSizeData(test, size: valSize), batchSize: 256,
                                                       classifier: classifier, recipe: recipe, sampleShape: [3, 32, 32])

        let config = TrainConfig(backend: backend, callbacks: Self.callbacks(validation: validation, logDirectory: logDirectory),
                                 stepsPerEpoch: training.stepsPerEpoch ?? max(1, trainSize / batchSize),
                                 maxEpoch: epochs, logLocation: .at(logDirectory.path), logDirectoryAction: .keep)
        print(try ExampleRun.train(config, logDirectory: logDirectory))
    }

    /// The seed's callbacks.
    static func callbacks(validation: any InferenceSource, logDirectory: URL) -> [any Callback] {
        let saver = ModelSaver()
        let runner = InferenceRunner(validation, [ClassificationError(wrongName: "wrong-top1", summaryName: .valErrorTop1),
                                                  ClassificationError(wrongName: "wrong-top5", summaryName: .valErrorTop5),
                                                  ScalarStats("cost")])
        let shell = InjectShell()  // `touch INJECT_SHELL.tmp` in the working directory opens a shell
        shell.saveCheckpoint = { try saver.saveCheckpoint() }
        shell.runValidation = { try runner.trigger() }
        let sendStat = "echo \"epoch error {val-error-top1}\" >> '\(logDirectory.appendingPathComponent("sendstat.log").path)'"
        return [
            saver,
            runner,
            MinSaver(.valErrorTop1),
            ScheduledHyperParamSetter(.learningRate, schedule: [(30, 1e-2), (60, 1e-3), (85, 1e-4), (95, 1e-5)]),
            HumanHyperParamSetter(.learningRate),  // edit <logdir>/hyper.txt to change the rate live
            SendStat(command: sendStat, stats: [.valErrorTop1]),
            GPUUtilizationTracker(),
            shell,
        ]
    }
}
