// Train your own model (docs/TrainYourOwnModel.md): a regression on a CSV file, features →
// a real target in the last column, with ModelBackend (any LoomNN model, your own cost
// function), validation MSE through ScalarStats, the best checkpoint by `val_mse`, a
// learning-rate schedule, live edits through hyper.txt, and resuming by rerunning.
//
//   swift run regression-csv [FILE.csv] [--epochs 10] [--steps-per-epoch N]
//       [--batch-size 32] [--logdir train_log/regression-csv]
// Without FILE a synthetic CSV (8 features, 1,000 rows) is written into the log directory.
import Foundation
import LoomData
import LoomEngine
import LoomNN
import LoomTensor
import LoomTraining

var arguments = Array(CommandLine.arguments.dropFirst()), options: [String: String] = [:]
while let index = arguments.firstIndex(where: { $0.hasPrefix("--") }), index + 1 < arguments.count {
    options[String(arguments[index].dropFirst(2))] = arguments[index + 1]
    arguments.removeSubrange(index...index + 1)
}
func exit(usage message: String) -> Never {
    FileHandle.standardError.write(Data((message + "\nusage: regression-csv [FILE.csv] [--epochs N] [--steps-per-epoch N] "
        + "[--batch-size N] [--logdir DIR]\n").utf8))
    exit(2)
}
@MainActor func option(_ name: String, _ fallback: Int) -> Int {
    guard let text = options[name] else { return fallback }
    guard let value = Int(text), value > 0 else { exit(usage: "--\(name) needs a positive integer, got '\(text)'") }
    return value
}
guard arguments.count <= 1 else { exit(usage: "expected at most one CSV file, got \(arguments)") }
let epochs = option("epochs", 10), batchSize = option("batch-size", 32)
let logDirectory = URL(fileURLWithPath: options["logdir"] ?? "train_log/regression-csv")

/// Writes `rows` rows of 8 features and a target `y = x · w + 0.1·noise` with a header.
func writeSyntheticCSV(to url: URL, rows: Int = 1_000) throws {
    var generator = LoomTensor.SeededGenerator(seed: 42)
    let weights: [Float] = [0.5, -1, 2, 0, 0.25, -0.75, 1.5, -0.5]
    var text = (0..<8).map { "x\($0)" }.joined(separator: ",") + ",y\n"
    for _ in 0..<rows {
        let x = Tensor(randomNormal: [8], using: &generator).scalars
        let noise = Tensor(randomNormal: [1], using: &generator).scalars[0]
        let y = zip(x, weights).reduce(0) { $0 + $1.0 * $1.1 } + 0.1 * noise
        text += (x + [y]).map { String($0) }.joined(separator: ",") + "\n"
    }
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try text.write(to: url, atomically: true, encoding: .utf8)
}

// MARK: data
// One CSV row per sample; the last column is the target. 80% trains, 20% validates.
let csv = arguments.first.map { URL(fileURLWithPath: $0) } ?? logDirectory.appendingPathComponent("data.csv")
if arguments.isEmpty, !FileManager.default.fileExists(atPath: csv.path) { try writeSyntheticCSV(to: csv) }
let table = try CSVFile.read(csv)  // one component: all columns, [rows, columns]
guard case let .floats(shape, values) = table.columns[0], shape[1] >= 2 else { exit(usage: "\(csv.path) needs 2 or more columns") }
let (rows, columns) = (shape[0], shape[1])
let trainRows = rows * 4 / 5
func slice(_ range: Range<Int>) throws -> ArrayDataFlow {
    try ArrayDataFlow(columns: [.floats(shape: [range.count, columns], values: Array(values[range.lowerBound * columns..<range.upperBound * columns]))])
}
let train = try slice(0..<trainRows), validation = try slice(trainRows..<rows)

/// A batch as the model sees it: the features and the target, split off a `[B, columns]` row block.
struct Rows {
    let features: Tensor  // [B, columns - 1]
    let target: Tensor    // [B, 1]

    init(_ datapoint: Datapoint) throws {
        guard case let .floats(shape, values) = datapoint[0] else { throw EngineError.batchLayout(expected: "float rows", found: "\(datapoint)") }
        let (count, width) = (shape[0], shape[1])
        var x: [Float] = [], y: [Float] = []
        for row in 0..<count {
            x += values[row * width..<(row + 1) * width - 1]
            y.append(values[(row + 1) * width - 1])
        }
        features = Tensor(shape: [count, width - 1], scalars: x)
        target = Tensor(shape: [count, 1], scalars: y)
    }
}

// MARK: model
func makeNetwork() -> Sequential {
    var generator = LoomTensor.SeededGenerator(seed: 1)
    return Sequential([
        ("fc1", Dense(inputSize: columns - 1, outputSize: 32, generator: &generator)),
        ("relu", Activation(.relu)),
        ("fc", Dense(inputSize: 32, outputSize: 1, generator: &generator)),
    ])
}
let model = Model(makeNetwork(), seed: 1)

// MARK: cost
// The cost to minimise plus named outputs; outputs are computed only when someone asks.
func meanSquaredError(_ model: Model, _ batch: Rows, _ context: CostContext) -> ModelOutputs {
    let prediction = model(batch.features)
    let cost = Loss.meanSquaredError(prediction, batch.target)
    var outputs = ModelOutputs(cost: cost)
    outputs.scalar("mse") { cost.scalar }
    outputs.scalar("mae") { Loss.meanAbsoluteError(prediction.detached(), batch.target).scalar }
    return outputs
}

// MARK: backend
let backend = try ModelBackend(
    model: model, optimizer: .adam(learningRate: 1e-2),
    data: try BatchData(ShuffleData(train, seed: 1), batchSize: batchSize),
    outputs: ["mse", "mae"], movingAverages: ["mse"],
    batch: Rows.init, cost: meanSquaredError)
let validationSource = try ModelInferenceSource(samples: validation, batchSize: 128, backend: backend) {
    Model(makeNetwork())  // a replica: same architecture, the training weights are copied in
}

// MARK: callbacks
let callbacks: [any Callback] = [
    ModelSaver(maxToKeep: 2),
    InferenceRunner(validationSource, [ScalarStats(["mse", "mae"], prefix: "val")]),  // val_mse, val_mae
    MinSaver("val_mse"),  // keeps min-val_mse.safetensors
    ScheduledHyperParamSetter("learning_rate", schedule: [(1, 1e-2), (max(2, epochs / 2 + 1), 3e-3)]),
    HumanHyperParamSetter("learning_rate"),  // edit <logdir>/hyper.txt to change the rate live
]

// MARK: run
let stepsPerEpoch = option("steps-per-epoch", max(1, trainRows / batchSize))
let config = TrainConfig(backend: backend, callbacks: callbacks, stepsPerEpoch: stepsPerEpoch, maxEpoch: epochs,
                         logLocation: .at(logDirectory.path), logDirectoryAction: .keep)
switch try AutoResume(config).train() {  // rerun with the same --logdir (and more --epochs) to continue
case let .trained(_, resumedFrom):
    print("trained \(epochs) epochs" + (resumedFrom.map { " (resumed from \($0.lastPathComponent))" } ?? "") + "; see \(logDirectory.path)")
case let .alreadyFinished(checkpoint, epoch, _):
    print("already trained to epoch \(epoch) (\(checkpoint.lastPathComponent)); raise --epochs to continue")
}
