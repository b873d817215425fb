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
import Foundation
import LoomData
import LoomEngine
import LoomTraining

var arguments = Array(CommandLine.arguments.dropFirst()), options: [String: String] = [:]
while let index = arguments.firstIndex(where: { $0.hasPrefix("--") }), index + 1 < arguments.count {
    options[String(arguments[index].dropFirst(2))] = arguments[index + 1]
    arguments.removeSubrange(index...index + 1)
}
func exit(usage message: String) -> Never {
    FileHandle.standardError.write(Data((message + "\nusage: seed-resnet20-cifar10 DATA_DIR [--epochs N] [--steps-per-epoch N] "
        + "[--logdir DIR] [--train-size N] [--val-size N] [--batch-size N]\n").utf8))
    exit(2)
}
@MainActor func option(_ name: String, _ fallback: Int) -> Int {
    guard let text = options[name] else { return fallback }
    guard let value = Int(text), value > 0 else { exit(usage: "--\(name) needs a positive integer, got '\(text)'") }
    return value
}
guard arguments.count == 1 else { exit(usage: "expected one data directory, got \(arguments)") }
let directory = URL(fileURLWithPath: arguments[0], isDirectory: true)
let batchSize = option("batch-size", 128), epochs = option("epochs", 100)
let logDirectory = URL(fileURLWithPath: options["logdir"] ?? "train_log/resnet20-cifar10")

// Data: shuffled training batches augmented as in the ResNet paper (4-pixel zero padding,
// a random 32×32 crop, a random horizontal flip; seeded per epoch and image, so resume is
// exact), the test split in order for validation.
let train = try CIFAR10(directory: directory, split: .train), test = try CIFAR10(directory: directory, split: .test)
let trainSize = option("train-size", train.size), valSize = option("val-size", test.size)
let augmented = MapData(ShuffleData(train, seed: 1), seed: 2, augmentation: ImageAugmentation([.padAndRandomCrop(padding: 4), .horizontalFlip]))
let batches = try BatchData(FixedSizeData(augmented, size: trainSize), batchSize: batchSize)

// Model and backend.
var recipe = ClassifierRecipe(.resnet20)
recipe.weightDecay = 1e-4
let classifier = try recipe.makeClassifier(sampleShape: [3, 32, 32], classes: 10, seed: 1)
let backend = try ClassifierBackend(classifier: classifier, optimizer: .sgd(learningRate: 0.1, momentum: 0.9), data: batches)
let validation = try ClassifierInferenceSource(samples: try FixedSizeData(test, size: valSize), batchSize: 256,
                                               classifier: classifier, recipe: recipe, sampleShape: [3, 32, 32])

// The seed's callbacks.
let saver = ModelSaver()
let runner = InferenceRunner(validation, [ClassificationError(wrongName: "wrong-top1", summaryName: .valErrorTop1),
                                          ClassificationError(wrongName: "wrong-top5", summaryName: .valErrorTop5),
                                          ScalarStats("cost")])
let shell = InjectShell()  // `touch INJECT_SHELL.tmp` in the working directory opens a shell
shell.saveCheckpoint = { try saver.saveCheckpoint() }
shell.runValidation = { try runner.trigger() }
let sendStat = "echo \"epoch error {val-error-top1}\" >> '\(logDirectory.appendingPathComponent("sendstat.log").path)'"
let callbacks: [any Callback] = [
    saver,
    runner,
    MinSaver(.valErrorTop1),
    ScheduledHyperParamSetter(.learningRate, schedule: [(30, 1e-2), (60, 1e-3), (85, 1e-4), (95, 1e-5)]),
    HumanHyperParamSetter(.learningRate),  // edit <logdir>/hyper.txt to change the rate live
    SendStat(command: sendStat, stats: [.valErrorTop1]),
    GPUUtilizationTracker(),
    shell,
]

let config = TrainConfig(backend: backend, callbacks: callbacks, stepsPerEpoch: option("steps-per-epoch", max(1, trainSize / batchSize)),
                         maxEpoch: epochs, logLocation: .at(logDirectory.path), logDirectoryAction: .keep)
switch try AutoResume(config).train() {
case let .trained(_, resumedFrom):
    print("trained \(epochs) epochs" + (resumedFrom.map { " (resumed from \($0.lastPathComponent))" } ?? "") + "; see \(logDirectory.path)")
case let .alreadyFinished(checkpoint, epoch, _):
    print("already trained to epoch \(epoch) (\(checkpoint.lastPathComponent)); raise --epochs to continue")
}
