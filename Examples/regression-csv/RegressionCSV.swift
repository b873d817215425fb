// Train your own model (docs/TrainYourOwnModel.md): a regression on a CSV file, features →
// a real target in the last column, with ModelBackend (any LoomNN model, your own cost
// function), validation MSE through ScalarStats, the best checkpoint by `val_mse`, a
// learning-rate schedule, live edits through hyper.txt, and resuming by rerunning.
//
//   swift run -c release regression-csv [CSV_FILE] [--epochs 10] [--steps-per-epoch N]
//       [--batch-size 32] [--logdir train_log/regression-csv]
// Without CSV_FILE a synthetic CSV (8 features, 1,000 rows) is written into the log directory.
import ArgumentParser
import ExampleSupport
import Foundation
import LoomData
import LoomEngine
import LoomNN
import LoomTensor
import LoomTraining

@main struct RegressionCSV: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "regression-csv", abstract: "Trains a regression (an MLP with your own cost function) on a CSV file.",
        discussion: """
            The last column of the CSV is the target, the others are the features; the first 80% of the rows train, \
            the rest validate. Defaults: --epochs 10, --batch-size 32, --steps-per-epoch one pass over the training rows, \
            --logdir train_log/regression-csv. The learning rate is 1e-2, then 3e-3 after epoch 6 (fixed epochs: a run \
            continued with more --epochs keeps its schedule); edit <logdir>/hyper.txt to change it during a run.
            """)

    @Argument(help: "A CSV file with a header line, numbers only, the target in the last column (default: a synthetic one, 8 features and 1,000 rows, written into the log directory).")
    var csvFile: String?
    @OptionGroup var training: TrainingOptions

    /// Rejects a CSV path that names no file (the options check themselves).
    func validate() throws {
        if let csvFile, !FileManager.default.fileExists(atPath: csvFile) {
            throw ValidationError("there is no file at \(csvFile); pass an existing CSV file, or none for synthetic data")
        }
    }

    /// Writes `rows` rows of 8 features and a target `y = x · w + 0.1·noise` with a header.
    static func writeSyntheticCSV(to url: URL, rows: Int = 1_000) throws {
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

    // MARK: model
    /// `features` inputs → 32 ReLU units → one output.
    static func makeNetwork(features: Int) -> Sequential {
        var generator = LoomTensor.SeededGenerator(seed: 1)
        return Sequential([
            ("fc1", Dense(inputSize: features, outputSize: 32, generator: &generator)),
            ("relu", Activation(.relu)),
            ("fc", Dense(inputSize: 32, outputSize: 1, generator: &generator)),
        ])
    }

    // MARK: cost
    // The cost to minimise plus named outputs; outputs are computed only when someone asks.
    static func meanSquaredError(_ model: Model, _ batch: Rows, _ context: CostContext) -> ModelOutputs {
        let prediction = model(batch.features)
        let cost = Loss.meanSquaredError(prediction, batch.target)
        var outputs = ModelOutputs(cost: cost)
        outputs.scalar("mse") { cost.scalar }
        outputs.scalar("mae") { Loss.meanAbsoluteError(prediction.detached(), batch.target).scalar }
        return outputs
    }

    func run() throws {
        let epochs = training.epochs ?? 10, batchSize = training.batchSize ?? 32
        let logDirectory = training.logDirectory(default: "train_log/regression-csv")

        // MARK: data
        // One CSV row per sample; the last column is the target. 80% trains, 20% validates.
        let csv = csvFile.map { URL(fileURLWithPath: $0) } ?? logDirectory.appendingPathComponent("data.csv")
        if csvFile == nil, !FileManager.default.fileExists(atPath: csv.path) { try Self.writeSyntheticCSV(to: csv) }
        let table = try CSVFile.read(csv)  // one component: all columns, [rows, columns]
        let (rows, columns) = (table.columns[0].shape[0], table.columns[0].shape[1])
        guard columns >= 2, let values = table.columns[0].floatValues else {
            throw DatasetReadError.shapeMismatch(file: csvFile ?? csv.path, what: "the number of columns", expected: "2 or more (the features, then the target)",
                                                 found: "\(columns)")
        }
        let trainRows = rows * 4 / 5
        func slice(_ range: Range<Int>) throws -> ArrayDataFlow {
            try ArrayDataFlow(columns: [.floats(shape: [range.count, columns], values: Array(values[range.lowerBound * columns..<range.upperBound * columns]))])
        }
        let train = try slice(0..<trainRows), validation = try slice(trainRows..<rows)

        // MARK: backend
        let model = Model(Self.makeNetwork(features: columns - 1), seed: 1)
        let backend = try ModelBackend(
            model: model, optimizer: .adam(learningRate: 1e-2),
            data: try BatchData(ShuffleData(train, seed: 1), batchSize: batchSize),
            outputs: ["mse", "mae"], movingAverages: ["mse"],
            batch: Rows.init, cost: Self.meanSquaredError)
        let validationSource = try ModelInferenceSource(samples: validation, batchSize: 128, backend: backend) {
            Model(Self.makeNetwork(features: columns - 1))  // a replica: same architecture, the training weights are copied in
        }

        // MARK: callbacks
        let callbacks: [any Callback] = [
            ModelSaver(maxToKeep: 2),
            InferenceRunner(validationSource, [ScalarStats(["mse", "mae"], prefix: "val")]),  // val_mse, val_mae
            MinSaver("val_mse"),  // keeps min-val_mse.safetensors
            // Fixed epochs (not derived from --epochs): a run continued with more epochs keeps its schedule.
            ScheduledHyperParamSetter("learning_rate", schedule: [(1, 1e-2), (6, 3e-3)]),
            HumanHyperParamSetter("learning_rate"),  // edit <logdir>/hyper.txt to change the rate live
        ]

        // MARK: run
        let config = TrainConfig(backend: backend, callbacks: callbacks, stepsPerEpoch: training.stepsPerEpoch ?? max(1, trainRows / batchSize),
                                 maxEpoch: epochs, logLocation: .at(logDirectory.path), logDirectoryAction: .keep)
        let result = try AutoResume(config).train()  // rerun with the same --logdir (and more --epochs) to continue
        print(ExampleRun.summary(of: result, maxEpoch: epochs, logDirectory: logDirectory))
    }
}
