import Foundation
import LoomData
import LoomDistributed
import LoomEngine
import LoomNN
import LoomTraining

/// Builds the backend, the validation source and the callback list for loaded data,
/// trains, and prints the summary.
struct TrainRun: TrainDataConsumer {
    let job: TrainJob
    /// The job's group under `--distributed` (nil: one process, no MPI).
    var communicator: (any Communicator)?

    /// What differs between a one-process and a data-parallel run.
    struct Parts {
        var backend: any TrainingBackend
        var callbacks: TrainCallbacks
        var stepsPerEpoch: Int
    }

    func consume<Samples: RandomAccessDataFlow, Validation: RandomAccessDataFlow>(_ data: TrainDataSet<Samples, Validation>) throws {
        let classifier: ClassifierModel
        do {
            classifier = try job.recipe.makeClassifier(sampleShape: data.sampleShape, classes: data.classes, seed: job.seed)
        } catch {
            throw TrainCommandError.model("--model \(job.recipe.kind.rawValue): \(error.description)")
        }
        let parts = try communicator.map { try TrainDistributed(job: job, communicator: $0).parts(data, classifier: classifier) }
            ?? localParts(data, classifier: classifier)
        let (backend, callbacks, stepsPerEpoch) = (parts.backend, parts.callbacks, parts.stepsPerEpoch)
        let name = job.logDirectory.lastPathComponent
        var baseConfig = TrainConfig(backend: backend, callbacks: callbacks.list, extraCallbacks: callbacks.extra, monitors: callbacks.monitors,
                                     stepsPerEpoch: stepsPerEpoch, maxEpoch: job.epochs, name: name, logLocation: .at(job.logDirectory.path),
                                     logDirectoryAction: job.logDirectoryAction, environment: .live())
        baseConfig.profilesCallbacks = true
        let config = communicator.map { DistributedRun(communicator: $0).configure(baseConfig) } ?? baseConfig
        if job.callbackOptions.listCallbacks {
            if config.isChief { print(Trainer(config).describeLoop()) }
            return
        }
        let run: AutoResume
        do {
            let policy: ResumePolicy = job.resume ? .required : .never
            run = try communicator.map { try DistributedResume(communicator: $0).autoResume(config, policy: policy) }
                ?? AutoResume(config, policy: policy)
        } catch {
            throw TrainCommandError.data("cannot resume from \(job.logDirectory.path): \(error)")
        }
        let optimizer: String = job.optimizer.rawValue
        let ranks: String = communicator.map { ", \($0.size) ranks (data-parallel)" } ?? ""
        let banner = "loom train: \(job.recipe.kind.rawValue) (\(classifier.model.parameterCount) parameters) on \(data.summary); "
            + "\(job.epochs) epochs x \(stepsPerEpoch) steps, batch \(job.batchSize), \(optimizer) lr \(job.learningRate), "
            + "\(job.threads) threads" + ranks
        run.trainer.logger.info("\(banner)")
        let started = Date()
        let result: AutoResumeResult
        do {
            result = try run.train()
        } catch let error as TrainerError {
            if case .afterTrainFailed = error { throw TrainFailure.training("\(error)") }
            if run.trainer.loop.globalStep == (run.checkpoint?.checkpoint.globalStep ?? 0) { throw TrainFailure.usage("\(error)") }
            throw TrainFailure.training("\(error)")
        } catch {
            throw TrainFailure.training("training failed at global_step \(run.trainer.loop.globalStep): \(error)")
        }
        let summary = TrainSummary(job: job, trainer: run.trainer, saver: callbacks.saver, seconds: Date().timeIntervalSince(started))
        if config.isChief { print(summary.text(result)) }
        if callbacks.saver.finalSaveFailed, let failure = callbacks.saver.failedSaves.last {
            throw TrainFailure.training("the final checkpoint (global_step \(failure.step)) could not be written: \(failure.reason)")
        }
        if case let .trained(training, _) = result, training.wasInterrupted {
            throw TrainFailure.interrupted(signal: training.interruptSignal ?? SIGINT)
        }
    }

    /// The backend, callbacks and steps per epoch of a one-process run.
    private func localParts<Samples: RandomAccessDataFlow, Validation: RandomAccessDataFlow>(
        _ data: TrainDataSet<Samples, Validation>, classifier: ClassifierModel
    ) throws -> Parts {
        // Batches are assembled (and synthetic digits drawn) on a background thread, so the
        // training thread does not wait for data; the order is the same, so resume stays exact.
        let batches = try BatchData(ShuffleData(data.train, seed: job.seed), batchSize: job.batchSize)
            .prefetched(bufferSize: 4)
        let backend = try ClassifierBackend(classifier: classifier, optimizer: job.makeOptimizer(), data: batches)
        let validation = try ClassifierInferenceSource(samples: data.validation, batchSize: max(job.batchSize, 256), classifier: classifier,
                                                       recipe: job.recipe, sampleShape: data.sampleShape)
        let stepsPerEpoch = job.stepsPerEpoch ?? max(1, data.train.size / job.batchSize)
        return Parts(backend: backend, callbacks: TrainCallbacks(job: job, validation: validation), stepsPerEpoch: stepsPerEpoch)
    }
}
