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
    let optimizer: OptimizerChoice
    let logDirectory: URL
    let resume: Bool
    let logDirectoryAction: LogDirectoryAction
    let seed: UInt64
    let threads: Int
    let validationWorkers: Int
    let distributed: Bool
    let stopOnSaveFailure: Bool

    /// The options a resumed run must repeat (the model and data are not stored in the checkpoint).
    let resumeArguments: [String]
    /// The callbacks added, tuned or switched off.
    let callbackOptions: TrainCallbackOptions

    /// Takes the options that `Train.validate()` checked.
    /// - Throws: `ValidationError` only for options `validate()` let through (none).
    init(_ command: Train) throws {
        var recipe = ClassifierRecipe(command.model)
        if let hidden = command.hidden { recipe.hidden = try Train.parseHidden(hidden) }
        self.recipe = recipe
        dataSpec = command.data
        dataOptions = TrainDataOptions(trainSize: command.trainSize, validationSize: command.valSize, imageSize: command.imageSize,
                                       csvLabel: command.csvLabel)
        epochs = command.epochs
        stepsPerEpoch = command.stepsPerEpoch
        batchSize = command.batchSize
        learningRate = command.lr
        explicitSchedule = try command.lrSchedule.map(Train.parseSchedule)
        optimizer = command.optimizer
        let path = command.logdir ?? "train_log/\(recipe.kind.rawValue)-\(dataSpec.name)"
        logDirectory = URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true))
            .standardizedFileURL
        resume = command.resume
        logDirectoryAction = command.logDirAction.action(force: command.force)
        seed = command.seed
        threads = command.threads ?? Kernels.threadCount
        validationWorkers = command.valWorkers
        distributed = command.distributed
        stopOnSaveFailure = command.stopOnSaveFailure
        resumeArguments = command.resumeArguments
        callbackOptions = command.callbackOptions
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

    /// A new optimizer.
    func makeOptimizer() -> Optimizer {
        optimizer.make(learningRate: learningRate)
    }
}
