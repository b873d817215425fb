import ArgumentParser
import Foundation
import LoomData

/// The `--data` choice of `loom train`: `synthetic`, `mnist:DIR`, `cifar10:DIR` or `csv:FILE`
/// (a ``Kind`` and, but for synthetic data, a path).
enum TrainDataSpec: Equatable, ExpressibleByArgument {
    case synthetic
    case mnist(String)
    case cifar10(String)
    case csv(String)

    /// The kinds of data, with the form each takes on the command line.
    enum Kind: String, CaseIterable {
        case synthetic, mnist, cifar10, csv

        /// The command-line form: `synthetic`, `mnist:DIR`, `cifar10:DIR`, `csv:FILE`.
        var form: String {
            switch self {
            case .synthetic: return "synthetic"
            case .mnist, .cifar10: return rawValue + ":DIR"
            case .csv: return "csv:FILE"
            }
        }
    }

    /// Parses `--data`; nil for anything but the forms of ``Kind/form``.
    init?(argument text: String) {
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        let argument = parts.count > 1 ? parts[1] : ""
        switch (Kind(rawValue: parts.first ?? ""), argument.isEmpty) {
        case (.synthetic?, true): self = .synthetic
        case (.mnist?, false): self = .mnist(argument)
        case (.cifar10?, false): self = .cifar10(argument)
        case (.csv?, false): self = .csv(argument)
        default: return nil
        }
    }

    /// The forms `--help` lists.
    static var allValueStrings: [String] { Kind.allCases.map(\.form) }

    /// Shell completion offers the kinds (`mnist:` and so on, then the path by hand).
    static var defaultCompletionKind: CompletionKind {
        .list(Kind.allCases.map { $0 == .synthetic ? $0.rawValue : $0.rawValue + ":" })
    }

    /// The command-line form of this choice (`mnist:data/mnist`).
    var argument: String {
        switch self {
        case .synthetic: return "synthetic"
        case let .mnist(path): return "mnist:" + path
        case let .cifar10(path): return "cifar10:" + path
        case let .csv(path): return "csv:" + path
        }
    }

    /// The short name used in the default log directory (`synthetic`, `mnist`, `cifar10`, `csv-<stem>`).
    var name: String {
        switch self {
        case .synthetic: return "synthetic"
        case .mnist: return "mnist"
        case .cifar10: return "cifar10"
        case let .csv(file): return "csv-" + URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
        }
    }
}

/// The loaded training and validation samples, with what a model needs to know about them.
struct TrainDataSet<Samples: RandomAccessDataFlow, Validation: RandomAccessDataFlow> {
    /// Training samples (`[image, label]`), shuffled by the job.
    var train: Samples
    /// Validation samples, in order.
    var validation: Validation
    /// One sample's shape as the data yields it (e.g. `[28, 28]`).
    var sampleShape: [Int]
    /// The class count.
    var classes: Int
    /// A one-line description for the log.
    var summary: String
}

/// Reads the data sets of `loom train` and hands them to a generic continuation (the
/// concrete flow types differ per data source).
protocol TrainDataConsumer {
    /// What the continuation returns.
    associatedtype Result
    /// Receives the loaded data.
    func consume<Samples: RandomAccessDataFlow, Validation: RandomAccessDataFlow>(_ data: TrainDataSet<Samples, Validation>) throws -> Result
}

extension TrainDataSpec {
    /// Loads the data and calls `consumer` with it.
    /// - Parameters:
    ///   - options: sizes of the synthetic data, the CSV label column and validation share.
    ///   - consumer: the continuation.
    /// - Throws: ``TrainCommandError`` for a missing path or unreadable data.
    func load<Consumer: TrainDataConsumer>(_ options: TrainDataOptions, _ consumer: Consumer) throws -> Consumer.Result {
        switch self {
        case .synthetic:
            let train = SyntheticDigits(count: options.trainSize ?? SyntheticDigits.defaultTrainCount, seed: SyntheticDigits.trainSeed,
                                        side: options.imageSize)
            let validationDigits = SyntheticDigits(count: options.validationSize ?? SyntheticDigits.defaultValidationCount,
                                                   seed: SyntheticDigits.validationSeed, side: options.imageSize)
            // Drawn once and kept in memory: every validation pass reads the same images.
            let validation = try ArrayDataFlow(materializing: validationDigits)
            return try consumer.consume(TrainDataSet(
                train: train, validation: validation, sampleShape: [train.side, train.side], classes: 10,
                summary: "synthetic digits \(train.side)x\(train.side): \(train.size) training, \(validation.size) validation samples"))
        case let .mnist(directory):
            let url = try Self.existingDirectory(directory, what: "MNIST")
            let train = try Self.reading(url) { try MNIST(directory: url, split: .train) }
            let validation = try Self.reading(url) { try MNIST(directory: url, split: .test) }
            let shape = Array(train.arrays.columns[0].shape.dropFirst())
            return try consumer.consume(TrainDataSet(train: try Self.limited(train.arrays, options.trainSize),
                                                     validation: try Self.limited(validation.arrays, options.validationSize),
                                                     sampleShape: shape, classes: 10,
                                                     summary: "MNIST from \(directory): \(train.size) training, \(validation.size) test samples"))
        case let .cifar10(directory):
            let url = try Self.existingDirectory(directory, what: "CIFAR-10")
            let train = try Self.reading(url) { try CIFAR10(directory: url, split: .train) }
            let validation = try Self.reading(url) { try CIFAR10(directory: url, split: .test) }
            return try consumer.consume(TrainDataSet(train: try Self.limited(train.arrays, options.trainSize),
                                                     validation: try Self.limited(validation.arrays, options.validationSize),
                                                     sampleShape: [3, 32, 32], classes: 10,
                                                     summary: "CIFAR-10 from \(directory): \(train.size) training, \(validation.size) test samples"))
        case let .csv(file):
            return try consumer.consume(try CSVSplit.load(file: file, options: options))
        }
    }

    /// The first `limit` rows of `table` (all when `limit` is nil or larger).
    static func limited(_ table: ArrayDataFlow, _ limit: Int?) throws -> ArrayDataFlow {
        guard let limit, limit < table.size else { return table }
        return try CSVSplit.rows(of: table, in: 0..<max(1, limit))
    }

    private static func existingDirectory(_ path: String, what: String) throws -> URL {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw TrainCommandError.data("the \(what) directory '\(path)' does not exist (download the data set there, or use --data synthetic)")
        }
        return URL(fileURLWithPath: path, isDirectory: true)
    }

    private static func reading<T>(_ url: URL, _ read: () throws -> T) throws -> T {
        do { return try read() } catch { throw TrainCommandError.data("cannot read \(url.path): \(error)") }
    }
}

/// Sizes and CSV settings of `loom train`'s data.
struct TrainDataOptions {
    var trainSize: Int?
    var validationSize: Int?
    var imageSize = 28
    var csvLabel: String?
    var validationShare = 0.2
}
