// A two-layer MLP on MNIST with Adam: the smallest real training job. Shows reading IDX
// files (raw or .gz), a validation runner, keeping the best checkpoint, a step-wise
// learning-rate schedule, and resuming by rerunning with the same --logdir.
//
//   swift run -c release mnist-mlp DATA_DIR [--epochs 10] [--steps-per-epoch N]
//       [--logdir train_log/mnist-mlp] [--train-size N] [--val-size N] [--batch-size 64]
// DATA_DIR holds train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte
// and t10k-labels-idx1-ubyte (each may end in .gz), as distributed.
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
    FileHandle.standardError.write(Data((message + "\nusage: mnist-mlp DATA_DIR [--epochs N] [--steps-per-epoch N] "
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
let batchSize = option("batch-size", 64), epochs = option("epochs", 10)
let logDirectory = URL(fileURLWithPath: options["logdir"] ?? "train_log/mnist-mlp")

let train = try MNIST(directory: directory, split: .train), test = try MNIST(directory: directory, split: .test)
let trainSize = option("train-size", train.size), valSize = option("val-size", test.size)
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
let config = TrainConfig(backend: backend, callbacks: callbacks, stepsPerEpoch: option("steps-per-epoch", max(1, trainSize / batchSize)),
                         maxEpoch: epochs, logLocation: .at(logDirectory.path), logDirectoryAction: .keep)
switch try AutoResume(config).train() {
case let .trained(_, resumedFrom):
    print("trained \(epochs) epochs" + (resumedFrom.map { " (resumed from \($0.lastPathComponent))" } ?? "") + "; see \(logDirectory.path)")
case let .alreadyFinished(checkpoint, epoch, _):
    print("already trained to epoch \(epoch) (\(checkpoint.lastPathComponent)); raise --epochs to continue")
}
