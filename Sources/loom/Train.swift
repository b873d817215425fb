import ArgumentParser
import Foundation
import LoomTensor

/// `loom train`: the main job. Trains a zoo classifier on built-in or downloaded data
/// with the whole callback list (checkpoints, best-model copies, validation, schedules,
/// live hyperparameters, notifications, trackers, debug shell) and prints where
/// everything went.
struct Train: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Train a classifier with Loom's full callback list (default: mlp on synthetic digits, about a minute).",
        discussion: """
        Files go to the log directory (default train_log/<model>-<data>): checkpoints, min-val-error-top1 copy, \
        stats.json, TensorBoard events, log.log, hyper.txt (edit learning_rate live), sendstat.log. \
        Create INJECT_SHELL.tmp there to open a debug console. Resume with --resume --logdir DIR.
        """)

    /// The defaults of the main job, measured to finish in about a minute on 2 cores.
    enum Defaults {
        static let epochs = 6
        static let batchSize = 64
        static let learningRate = 1e-3
    }

    @Option(help: "The model: mlp, lenet, cnn or resnet20.")
    var model = "mlp"

    @Option(help: "The data: synthetic, mnist:DIR, cifar10:DIR or csv:FILE.")
    var data = "synthetic"

    @Option(help: "Epochs to train (the last epoch number when resuming).")
    var epochs = Defaults.epochs

    @Option(help: "Steps per epoch (default: one pass over the training data).")
    var stepsPerEpoch: Int?

    @Option(help: "Samples per training batch.")
    var batchSize = Defaults.batchSize

    @Option(help: "The initial learning rate (Adam); it drops 10x at 50% and again at 75% of the epochs.")
    var lr = Defaults.learningRate

    @Option(help: "The learning-rate schedule as EPOCH:VALUE pairs, e.g. 3:1e-4,5:1e-5 (the value applies after that epoch; default: ÷10 at 50% and ÷100 at 75% of --epochs).")
    var lrSchedule: String?

    @Option(help: "The optimizer: adam or sgd (momentum 0.9).")
    var optimizer = "adam"

    @Option(help: "The log directory (default train_log/<model>-<data>).")
    var logdir: String?

    @Flag(help: "Continue the run in --logdir from its latest checkpoint (exactly: same data order and RNG).")
    var resume = false

    @Option(help: "What to do with an existing log directory when not resuming: keep, delete, backup or refuse.")
    var logDirAction = "backup"

    @Option(help: "The seed of the weights and the data order.")
    var seed: UInt64 = 1

    @Option(help: "Threads for the kernels and BLAS (default: LOOM_NUM_THREADS or 1; the data pipeline runs on its own thread, and two BLAS threads collapse when another thread wants a core).")
    var threads: Int?

    @Option(help: "Worker threads of the validation runner (1: InferenceRunner; more: DataParallelInferenceRunner).")
    var valWorkers = 1

    @Option(help: "The label column of a CSV file (name or 0-based index; default: the column named 'label').")
    var csvLabel: String?

    @Flag(help: "Train data-parallel on the ranks of an MPI job (mpirun -np N loom train --distributed …; --batch-size is per rank). Needs Loom built with `swift build --traits MPI`.")
    var distributed = false

    @Option(help: ArgumentHelp("Use only this many training samples.", visibility: .hidden))
    var trainSize: Int?

    @Option(help: ArgumentHelp("Use only this many validation samples.", visibility: .hidden))
    var valSize: Int?

    @Option(help: ArgumentHelp("The side of the synthetic digit images.", visibility: .hidden))
    var imageSize = 28

    @Option(help: ArgumentHelp("Hidden widths of the mlp, comma-separated (default 256,256).", visibility: .hidden))
    var hidden: String?

    func run() throws {
        let job: TrainJob
        do {
            job = try TrainJob(self)
        } catch let error as TrainCommandError {
            throw TrainFailure.usage(error.description)
        }
        try job.run()
    }
}

/// How `loom train` ends when it does not succeed.
enum TrainFailure: Error {
    /// Bad options or data: one line on standard error, exit code 2.
    case usage(String)
    /// Training failed: one line on standard error, exit code 1.
    case training(String)
    /// Ctrl-C after the clean stop: exit code 130.
    case interrupted
}
