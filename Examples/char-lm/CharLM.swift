// A character-level language model on any text file: Embedding → LSTM → Dense over the
// characters, trained with sequenceCrossEntropy on (input, next-character) windows. The
// vocabulary is saved beside the checkpoints (`vocabulary.json`) and checked on resume.
// Validation (the last 10% of the text) reports `val_xent` and `val_perplexity` = exp of the
// mean validation cross-entropy per character (MinSaver keeps the best by it), against the
// unigram baseline of the text; every epoch a sampled line goes to the log and to
// TensorBoard's text tab (`sample`).
//
//   swift run -c release char-lm [TEXT_FILE] [--epochs 20] [--steps-per-epoch N] [--batch-size 32]
//       [--length 48] [--hidden 128] [--logdir train_log/char-lm]
// Without TEXT_FILE it reads Loom's own README.md and docs/*.md.
import ArgumentParser
import ExampleSupport
import Foundation
import LoomData
import LoomEngine
import LoomNN
import LoomTensor
import LoomTraining

@main struct CharLM: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "char-lm", abstract: "Trains a character-level LSTM language model on a text file.")

    @OptionGroup var training: TrainingOptions
    @Argument(help: "A UTF-8 text file (default: Loom's README.md and docs/*.md).") var text: String?
    @Option(help: "Characters per training window.") var length = 48
    @Option(help: "The LSTM's hidden size.") var hidden = 128
    @Option(help: "Characters per sampled line.") var sampleLength = 120

    /// The text: the given file, or the repository's documentation.
    func readText() throws -> String {
        if let text { return try TextWindows.readText(URL(fileURLWithPath: text)) }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let docs = root.appendingPathComponent("docs")
        let pages = ((try? FileManager.default.contentsOfDirectory(atPath: docs.path)) ?? []).filter { $0.hasSuffix(".md") }.sorted()
        let files = [root.appendingPathComponent("README.md")] + pages.map { docs.appendingPathComponent($0) }
        guard FileManager.default.fileExists(atPath: files[0].path) else {
            throw ValidationError("Loom's README.md is not at \(files[0].path); pass a text file")
        }
        return try files.map { try TextWindows.readText($0) }.joined(separator: "\n")
    }

    func run() throws {
        let epochs = training.epochs ?? 20, batchSize = training.batchSize ?? 32
        let logDirectory = training.logDirectory(default: "train_log/char-lm")
        let text = try readText()
        let vocabulary = try CharacterVocabulary.prepared(for: text, in: logDirectory)
        let tokens = try vocabulary.encode(text)
        let split = tokens.count * 9 / 10
        let train = try TextWindows(tokens: Array(tokens[..<split]), length: length)
        let validationWindows = try TextWindows(tokens: Array(tokens[split...]), length: length)
        print("text: \(tokens.count) characters, \(vocabulary.count) distinct; \(train.size) training and \(validationWindows.size) validation windows of \(length)")
        print(String(format: "baseline: the unigram model of the training text has validation perplexity %.3f",
                     UnigramBaseline.perplexity(train: tokens[..<split], validation: validationWindows.tokens[1...(validationWindows.size * length)],
                                                vocabularySize: vocabulary.count)))

        let network = CharNetwork(vocabularySize: vocabulary.count, hiddenSize: hidden, seed: 1)
        let model = Model(network.root, seed: 1)
        let backend = try ModelBackend(
            model: model, optimizer: .adam(learningRate: 1e-2, clipNorm: 1),
            data: try BatchData(ShuffleData(train, seed: 1), batchSize: batchSize),
            outputs: ["xent"], movingAverages: ["xent"],
            batch: { try TensorBatch($0, names: ["input", "target"]) }, cost: CharNetwork.crossEntropy)
        let validation = try ModelInferenceSource(samples: validationWindows, batchSize: 128, backend: backend) {
            Model(CharNetwork(vocabularySize: vocabulary.count, hiddenSize: hidden, seed: 1).root)
        }
        let callbacks: [any Callback] = [
            ModelSaver(maxToKeep: 2),
            InferenceRunner(validation, [ScalarStats(["xent"], prefix: "val"), Perplexity("xent", statName: "val_perplexity")]),
            MinSaver("val_perplexity"),
            TextSampler(network: network, vocabulary: vocabulary, start: text.first ?? "\n", length: sampleLength),
            // Fixed epochs (not derived from --epochs): a run continued with more epochs keeps its schedule.
            ScheduledHyperParamSetter("learning_rate", schedule: [(1, 1e-2), (14, 3e-3)]),
            HumanHyperParamSetter("learning_rate"),
        ]
        let config = TrainConfig(backend: backend, callbacks: callbacks, stepsPerEpoch: training.stepsPerEpoch ?? max(1, train.size / batchSize),
                                 maxEpoch: epochs, logLocation: .at(logDirectory.path), logDirectoryAction: .keep)
        print(try ExampleRun.train(config, logDirectory: logDirectory))
    }
}
