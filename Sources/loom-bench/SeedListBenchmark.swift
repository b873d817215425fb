import ArgumentParser
import Foundation
import LoomData
import LoomEngine
import LoomNN
import LoomTensor
import LoomTraining

/// `loom-bench seed-list`: the cost of the seed's whole callback list on a small model,
/// where per-epoch work weighs most. A 64-256-256-10 MLP on 8×8 synthetic digits (1,536
/// training samples, batch 64: 24 steps per epoch; 256 validation samples, kept in memory
/// as `loom train` keeps its validation set), Adam, 1
/// kernel thread unless told otherwise. Three cases per repetition, interleaved: the bare
/// backend steps; a trainer with the seed's list (TerminateOnNaN, ModelSaver, InferenceRunner,
/// MinSaver, the learning-rate schedule, HumanHyperParamSetter, SendStat, GPUUtilizationTracker,
/// InjectShell, the default callbacks and monitors) writing real checkpoints, `stats.json`
/// and TensorBoard files each epoch; and the same list without the file writers
/// (ModelSaver, MinSaver, TFEventWriter, JSONWriter). Reported: seconds per epoch and the
/// slowdown against bare (bar: seed list ≤ 1.15×). Whole `train()` calls are timed, set-up
/// and the final save included.
struct SeedListBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "seed-list",
                                                    abstract: "A small MLP with the seed's callback list against bare steps.")
    @OptionGroup var options: BenchOptions

    @Option(help: "Epochs per timed run (24 steps each).")
    var epochs = 20

    @Option(help: "Comma-separated kernel thread counts.")
    var threads = "1"

    @Option(help: "Comma-separated type names of callbacks or monitors to leave out of every trainer case (to attribute the cost).")
    var without = ""

    @Flag(help: "Also print the callback time table of one extra run with the seed's list.")
    var profile = false

    private static let stepsPerEpoch = 24

    func run() throws {
        if profile { print(try profiledTable()) }
        var report = BenchReport(area: "seed-list")
        for count in threads.split(separator: ",").compactMap({ Int($0) }) {
            Kernels.threadCount = count
            _ = try bareSeconds()  // warm-up
            var bare: [Double] = [], seeded: [Double] = [], withoutFiles: [Double] = []
            for _ in 0..<options.repeats {
                bare.append(try bareSeconds())
                seeded.append(try trainerSeconds(files: true))
                withoutFiles.append(try trainerSeconds(files: false))
            }
            let perEpoch = { (values: [Double]) in median(values) / Double(epochs) }
            report.add("mlp 64-256-256-10 bare \(count)t", [("ms/epoch", .number(perEpoch(bare) * 1000, digits: 2))])
            report.add("seed list \(count)t", [("ms/epoch", .number(perEpoch(seeded) * 1000, digits: 2)),
                                              ("vs bare", .number(median(seeded) / median(bare), digits: 2))])
            report.add("seed list without file writers \(count)t", [("ms/epoch", .number(perEpoch(withoutFiles) * 1000, digits: 2)),
                                                                   ("vs bare", .number(median(withoutFiles) / median(bare), digits: 2))])
        }
        report.emit(json: options.json)
    }

    private static let recipe: ClassifierRecipe = {
        var recipe = ClassifierRecipe(.mlp)
        recipe.hidden = [256, 256]
        return recipe
    }()

    private func backend() throws -> ClassifierBackend<BatchData<ShuffleData<SyntheticDigits>>> {
        let classifier = try Self.recipe.makeClassifier(sampleShape: [8, 8], classes: 10, seed: 1)
        let train = SyntheticDigits.tiny(count: 64 * Self.stepsPerEpoch, seed: SyntheticDigits.trainSeed)
        return try ClassifierBackend(classifier: classifier, optimizer: .adam(learningRate: 1e-3),
                                     data: BatchData(ShuffleData(train, seed: 1), batchSize: 64))
    }

    /// Seconds of `epochs × 24` bare backend steps.
    private func bareSeconds() throws -> Double {
        let backend = try backend()
        let request = StepRequest(fetches: ["cost"])
        return try measureSeconds { for _ in 0..<(epochs * Self.stepsPerEpoch) { _ = try backend.runStep(request) } }
    }

    /// Seconds of one `train()` of `epochs` epochs with the seed's list, in a fresh log directory.
    private func trainerSeconds(files: Bool) throws -> Double {
        let trainer = try seededTrainer(files: files, profiles: false)
        defer { try? FileManager.default.removeItem(at: trainer.directory) }
        return try measureSeconds { _ = try trainer.trainer.train() }
    }

    /// The callback time table of one run with the seed's list.
    private func profiledTable() throws -> String {
        let seeded = try seededTrainer(files: true, profiles: true)
        defer { try? FileManager.default.removeItem(at: seeded.directory) }
        _ = try seeded.trainer.train()
        return seeded.trainer.callbackProfile?.table() ?? "no callback profile"
    }

    /// A trainer with the seed's list in a fresh log directory (the caller removes it).
    private func seededTrainer(files: Bool, profiles: Bool) throws -> (trainer: Trainer, directory: URL) {
        let backend = try backend()
        let validation = try ClassifierInferenceSource(
            samples: ArrayDataFlow(materializing: SyntheticDigits.tiny(count: 256, seed: SyntheticDigits.validationSeed)), batchSize: 256,
            classifier: backend.classifier, recipe: Self.recipe, sampleShape: [8, 8])
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("loom-bench-seed-\(UUID().uuidString)")
        let sendStat = "echo \"val-error-top1={val-error-top1}\" >> '\(directory.path)/sendstat.log'"
        var callbacks: [any Callback] = [
            TerminateOnNaN(),
            ModelSaver(),
            InferenceRunner(validation, [ClassificationError(wrongName: "wrong-top1", summaryName: "val-error-top1"),
                                         ClassificationError(wrongName: "wrong-top5", summaryName: "val-error-top5"),
                                         ScalarStats("cost")]),
            MinSaver("val-error-top1"),
            ScheduledHyperParamSetter("learning_rate", schedule: [(epochs / 2, 1e-4), (epochs * 3 / 4, 1e-5)]),
            HumanHyperParamSetter("learning_rate"),
            SendStat(command: sendStat, stats: ["val-error-top1"]),
            GPUUtilizationTracker(),
            InjectShell(),
        ]
        var monitors = defaultMonitors()
        let dropped = Set(without.split(separator: ",").map(String.init))
        callbacks.removeAll { dropped.contains(String(describing: type(of: $0))) }
        monitors.removeAll { dropped.contains(String(describing: type(of: $0))) }
        if !files {
            callbacks.removeAll { $0 is ModelSaver || $0 is MinSaver }
            monitors.removeAll { $0 is TFEventWriter || $0 is JSONWriter }
        }
        var config = TrainConfig(backend: backend, callbacks: callbacks, monitors: monitors, stepsPerEpoch: Self.stepsPerEpoch,
                                 maxEpoch: epochs, logLocation: .at(directory.path),
                                 environment: TrainingEnvironment(clock: SystemClock(), output: NullOutputSink(), root: directory))
        config.profilesCallbacks = profiles
        return (Trainer(config), directory)
    }
}
