import Foundation
import LoomData
import LoomDistributed
import LoomEngine
import LoomNN
import LoomTensor
import LoomTraining

/// The validated settings of one `loom train` run.
struct TrainJob {
    let recipe: ClassifierRecipe
    let dataSpec: TrainDataSpec
    let dataOptions: TrainDataOptions
    let epochs: Int
    let stepsPerEpoch: Int?
    let batchSize: Int
    let learningRate: Double
    let explicitSchedule: [(Int, Double)]?
    let optimizerName: String
    let logDirectory: URL
    let resume: Bool
    let logDirectoryAction: LogDirectoryAction
    let seed: UInt64
    let threads: Int
    let validationWorkers: Int
    let distributed: Bool
    let stopOnSaveFailure: Bool

    /// Checks every option (before any data is read).
    /// - Throws: ``TrainCommandError/badOption(_:)`` naming the option and what it accepts.
    init(_ command: Train) throws {
        do {
            var recipe = try ClassifierRecipe.named(command.model)
            if let hidden = command.hidden {
                let widths = hidden.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
                guard !widths.isEmpty, widths.allSatisfy({ $0 > 0 }), widths.count == hidden.split(separator: ",").count else {
                    throw TrainCommandError.badOption("--hidden '\(hidden)' must be positive widths separated by commas, e.g. 256,256")
                }
                recipe.hidden = widths
            }
            self.recipe = recipe
        } catch let error as EngineError {
            throw TrainCommandError.badOption("--model: \(error.description)")
        }
        dataSpec = try TrainDataSpec(parsing: command.data)
        for (name, value) in [("--epochs", command.epochs), ("--batch-size", command.batchSize), ("--val-workers", command.valWorkers),
                              ("--image-size", command.imageSize)] where value < 1 {
            throw TrainCommandError.badOption("\(name) must be at least 1, got \(value)")
        }
        if let steps = command.stepsPerEpoch, steps < 1 { throw TrainCommandError.badOption("--steps-per-epoch must be at least 1, got \(steps)") }
        if let size = command.trainSize, size < command.batchSize {
            throw TrainCommandError.badOption("--train-size \(size) is smaller than one batch (--batch-size \(command.batchSize))")
        }
        if let size = command.valSize, size < 1 { throw TrainCommandError.badOption("--val-size must be at least 1, got \(size)") }
        guard command.lr.isFinite, command.lr > 0 else { throw TrainCommandError.badOption("--lr must be a positive number, got \(command.lr)") }
        guard ["adam", "sgd"].contains(command.optimizer) else {
            throw TrainCommandError.badOption("--optimizer '\(command.optimizer)' is not one of adam, sgd")
        }
        let actions: [String: LogDirectoryAction] = ["keep": .keep, "delete": .delete, "backup": .backUp, "refuse": .refuse]
        guard var action = actions[command.logDirAction] else {
            throw TrainCommandError.badOption("--log-dir-action '\(command.logDirAction)' is not one of keep, delete, backup, refuse")
        }
        if command.force {
            guard action == .delete else { throw TrainCommandError.badOption("--force applies only to --log-dir-action delete") }
            action = .forceDelete
        }
        if let threads = command.threads, threads < 1 { throw TrainCommandError.badOption("--threads must be at least 1, got \(threads)") }
        if command.resume && command.logdir == nil {
            throw TrainCommandError.badOption("--resume needs --logdir naming the run to continue")
        }
        if command.distributed {
            #if !MPI
            throw TrainCommandError.badOption("--distributed needs Loom built with MPI: swift build --traits MPI (and Open MPI installed)")
            #endif
        }
        dataOptions = TrainDataOptions(trainSize: command.trainSize, validationSize: command.valSize, imageSize: command.imageSize,
                                       csvLabel: command.csvLabel)
        epochs = command.epochs
        stepsPerEpoch = command.stepsPerEpoch
        batchSize = command.batchSize
        learningRate = command.lr
        explicitSchedule = try command.lrSchedule.map(Self.parseSchedule)
        optimizerName = command.optimizer
        let path = command.logdir ?? "train_log/\(recipe.kind.rawValue)-\(dataSpec.name)"
        logDirectory = URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true))
            .standardizedFileURL
        resume = command.resume
        logDirectoryAction = action
        seed = command.seed
        threads = command.threads ?? Kernels.threadCount
        validationWorkers = command.valWorkers
        distributed = command.distributed
        stopOnSaveFailure = command.stopOnSaveFailure
    }

    /// Reads the data, trains, prints the summary.
    /// - Throws: ``TrainFailure`` (usage: exit 2; training: exit 1; interrupted: exit 128 + the signal).
    func run() throws {
        Kernels.threadCount = threads
        #if MPI
        if distributed { return runDistributed() }
        #endif
        do {
            try dataSpec.load(dataOptions, TrainRun(job: self))
        } catch let error as TrainCommandError {
            throw TrainFailure.usage(error.description)
        }
    }

    #if MPI
    /// Runs this rank of an MPI job: a failure on any rank prints `loom: rank R of N failed:
    /// <message>` and ends the whole job with status 1 (``DistributedRun``), so no rank is
    /// left waiting in a collective.
    private func runDistributed() {
        let communicator: MPICommunicator
        do {
            communicator = try MPICommunicator()
        } catch {
            FileHandle.standardError.write(Data("loom: cannot start MPI: \(error)\n".utf8))
            exit(1)
        }
        DistributedRun(communicator: communicator).run {
            try dataSpec.load(dataOptions, TrainRun(job: self, communicator: communicator))
            try communicator.finalize()
        }
    }
    #endif

    /// The learning-rate schedule: the initial value, ÷10 after 50 % and ÷100 after 75 % of
    /// the epochs (keys are epochs after which the value applies; 0 = before training).
    var learningRateSchedule: [(Int, Double)] {
        if let explicitSchedule { return [(0, learningRate)] + explicitSchedule }
        var schedule = [(0, learningRate)]
        for (fraction, factor) in [(0.5, 0.1), (0.75, 0.01)] {
            let epoch = Int((Double(epochs) * fraction).rounded(.down))
            if epoch >= 1, epoch < epochs, epoch > schedule.last?.0 ?? 0 { schedule.append((epoch, learningRate * factor)) }
        }
        return schedule
    }

    /// Parses `--lr-schedule` (`EPOCH:VALUE,…`, epochs ≥ 1 increasing, values positive).
    static func parseSchedule(_ text: String) throws -> [(Int, Double)] {
        var schedule: [(Int, Double)] = []
        for item in text.split(separator: ",") {
            let parts = item.split(separator: ":").map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, let epoch = Int(parts[0]), let value = Double(parts[1]), epoch >= 1, value.isFinite, value > 0,
                  epoch > schedule.last?.0 ?? 0 else {
                throw TrainCommandError.badOption("--lr-schedule '\(text)' must be EPOCH:VALUE pairs with increasing epochs ≥ 1 and positive values, e.g. 3:1e-4,5:1e-5")
            }
            schedule.append((epoch, value))
        }
        guard !schedule.isEmpty else { throw TrainCommandError.badOption("--lr-schedule is empty; give EPOCH:VALUE pairs, e.g. 3:1e-4") }
        return schedule
    }

    /// A new optimizer.
    func makeOptimizer() -> Optimizer {
        optimizerName == "sgd" ? .sgd(learningRate: learningRate, momentum: 0.9) : .adam(learningRate: learningRate)
    }
}
