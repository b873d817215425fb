import ArgumentParser
import Foundation
import LoomData
import LoomEngine
import LoomNN
import LoomTensor
import LoomTraining

/// `loom-bench train`: the main job's engine figures. Training steps/s of the default
/// backend (mlp, batch 64, shuffled synthetic digits, Adam) bare and under the trainer with
/// the default callback list and monitors (their overhead as % of a step); the time a step
/// waits for data (the batch is read on the training thread); validation samples/s of mlp
/// and lenet over 10,000 samples with InferenceRunner and DataParallelInferenceRunner (2
/// workers), against training samples/s (bar: ≥ 2×); the cost of making a replica.
struct TrainBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "train", abstract: "Training and validation throughput of the loom train job.")
    @OptionGroup var options: BenchOptions

    @Option(help: "Training steps per timed repetition.")
    var steps = 40

    @Option(help: "Validation samples per pass.")
    var samples = 10_000

    @Option(help: "Comma-separated thread counts.")
    var threads = "1,2"

    func run() throws {
        var report = BenchReport(area: "train")
        let validation = try SyntheticDigits(count: samples, seed: SyntheticDigits.validationSeed).collectColumns()
        for count in threads.split(separator: ",").compactMap({ Int($0) }) {
            Kernels.threadCount = count
            for kind in [ClassifierRecipe.Kind.mlp, .lenet] {
                let recipe = ClassifierRecipe(kind)
                let training = try trainingFigures(recipe)
                let single = try validationSeconds(recipe, validation, workers: 1)
                let parallel = try validationSeconds(recipe, validation, workers: 2)
                let trainRate = 64 / training.bare
                var fields: [(String, BenchValue)] = [
                    ("steps/s", .number(1 / training.bare, digits: 1)),
                    ("train samples/s", .number(trainRate, digits: 0)),
                    ("data wait %", .number(training.data / training.bare * 100, digits: 1)),
                    ("val samples/s 1 runner", .number(Double(samples) / single, digits: 0)),
                    ("val samples/s 2 workers", .number(Double(samples) / parallel, digits: 0)),
                    ("val/train", .number(Double(samples) / min(single, parallel) / trainRate, digits: 2)),
                    ("replica ms", .number(training.replica * 1000, digits: 2)),
                ]
                if kind == .mlp {
                    fields.insert(("steps/s with defaults", .number(1 / training.withDefaults, digits: 1)), at: 1)
                    fields.insert(("defaults overhead %", .number((training.withDefaults / training.bare - 1) * 100, digits: 2)), at: 2)
                }
                report.add("\(kind.rawValue) \(count)t", fields)
            }
        }
        report.emit(json: options.json)
    }

    private func backend(_ recipe: ClassifierRecipe) throws -> ClassifierBackend<BatchData<ShuffleData<SyntheticDigits>>> {
        let classifier = try recipe.makeClassifier(sampleShape: [28, 28], classes: 10, seed: 1)
        return try ClassifierBackend(classifier: classifier, optimizer: .adam(learningRate: 1e-3),
                                     data: BatchData(ShuffleData(SyntheticDigits.train(), seed: 1), batchSize: 64))
    }

    /// Seconds per step bare, with the default callbacks and monitors, and reading a batch;
    /// seconds to make one validation replica.
    private func trainingFigures(_ recipe: ClassifierRecipe) throws -> (bare: Double, withDefaults: Double, data: Double, replica: Double) {
        let backend = try backend(recipe)
        let request = StepRequest(fetches: ["cost"])
        for _ in 0..<3 { _ = try backend.runStep(request) }
        let bare = median(try (0..<options.repeats).map { _ in
            try measureSeconds { for _ in 0..<steps { _ = try backend.runStep(request) } } / Double(steps)
        })
        let data = median(try (0..<options.repeats).map { _ in
            try measureSeconds { for _ in 0..<steps { _ = try backend.nextBatch() } } / Double(steps)
        })
        var withDefaults = Double.nan
        if recipe.kind == .mlp {
            // Per step: the difference between runs of 3N and N steps, so the per-run and
            // per-epoch costs (setup, files, summaries, stats.json flush) cancel out.
            func run(_ count: Int) throws -> Double {
                let directory = FileManager.default.temporaryDirectory.appendingPathComponent("loom-bench-train-\(UUID().uuidString)")
                defer { try? FileManager.default.removeItem(at: directory) }
                let config = TrainConfig(backend: backend, stepsPerEpoch: count, maxEpoch: 1, logLocation: .at(directory.path),
                                         environment: TrainingEnvironment(clock: SystemClock(), output: NullOutputSink(), root: directory))
                return try measureSeconds { _ = try Trainer(config).train() }
            }
            withDefaults = median(try (0..<options.repeats).map { _ in (try run(3 * steps) - (try run(steps))) / Double(2 * steps) })
        }
        let source = try ClassifierInferenceSource(samples: SyntheticDigits.tiny(count: 1), batchSize: 1, classifier: backend.classifier) {
            try recipe.makeClassifier(sampleShape: [28, 28], classes: 10, seed: 0)
        }
        let replica = median(try (0..<options.repeats).map { _ in try measureSeconds { _ = try source.makeReplica() } })
        return (bare, withDefaults, data, replica)
    }

    /// Seconds of one validation pass (median), through a trainer of callback-only epochs.
    private func validationSeconds(_ recipe: ClassifierRecipe, _ samples: ArrayDataFlow, workers: Int) throws -> Double {
        let backend = try backend(recipe)
        let source = try ClassifierInferenceSource(samples: samples, batchSize: 256, classifier: backend.classifier, recipe: recipe,
                                                   sampleShape: [28, 28])
        let inferencers: [any Inferencer] = [ClassificationError(), ClassificationError(wrongName: "wrong-top5", summaryName: "val-error-top5"),
                                             ScalarStats("cost")]
        let runner: any Callback = workers > 1 ? DataParallelInferenceRunner(source, inferencers, workers: workers) : InferenceRunner(source, inferencers)
        return median(try (0..<options.repeats).map { _ in
            try measureSeconds { try runPass(runner, backend) }
        })
    }

    private func runPass(_ runner: any Callback, _ backend: any TrainingBackend) throws {
        let config = TrainConfig(backend: backend, callbacks: [runner], extraCallbacks: [], monitors: [], stepsPerEpoch: 0, maxEpoch: 1,
                                 logLocation: .none,
                                 environment: TrainingEnvironment(clock: SystemClock(), output: NullOutputSink(),
                                                                  root: FileManager.default.temporaryDirectory))
        _ = try Trainer(config).train()
    }
}

extension SyntheticDigits {
    /// Every sample, drawn once, as in-memory columns.
    func collectColumns() throws -> ArrayDataFlow {
        try ArrayDataFlow(columns: BatchData<SyntheticDigits>.stack((0..<size).map { try datapoint(at: $0) }))
    }
}
