import LoomData
import LoomDistributed
import LoomEngine
import LoomNN
import LoomTensor
import LoomTraining

/// The data-parallel side of `loom train --distributed` (one process per rank, started by
/// `mpirun -np N`): every rank builds the same model, takes rank 0's weights, reads rows
/// `[r·B, (r+1)·B)` of each shuffled global batch of `N·B` samples (`--batch-size` is B,
/// per rank), and averages gradients and scalars with the bucketed allreduce
/// (``DataParallelClassifierBackend``). Validation: each rank evaluates its contiguous
/// block of the validation set (``ShardedData``) and the inferencers sum their counts over
/// the ranks (``DistributedClassificationError``, ``DistributedScalarStats``), so every
/// rank puts the error of the whole set, exactly what one process computes. Only rank 0
/// prints and writes the log directory (``DistributedRun/configure(_:verboseRanks:)``);
/// `hyper.txt` live edits are not followed (HumanHyperParamSetter is left out).
struct TrainDistributed {
    let job: TrainJob
    let communicator: any Communicator

    /// The backend, callbacks and steps per epoch of this rank.
    func parts<Samples: RandomAccessDataFlow, Validation: RandomAccessDataFlow>(
        _ data: TrainDataSet<Samples, Validation>, classifier: ClassifierModel
    ) throws -> TrainRun.Parts {
        let shard = DataShard(communicator)
        let parallel = DataParallelClassifier(classifier: classifier, optimizer: job.makeOptimizer(), communicator: communicator)
        try parallel.synchronizeInitialState()
        let global = try BatchData(ShuffleData(data.train, seed: job.seed), batchSize: job.batchSize * communicator.size)
        let cursor = try DataCursor(ShardedBatches(global, shard: shard))
        let backend = DataParallelClassifierBackend(parallel: parallel) {
            let batch = try ClassifierBatch(try cursor.next(), inputShape: classifier.inputShape, classes: classifier.classes)
            return (batch.images, batch.labels.indices.map { Int32($0) })
        }
        let validation = try ClassifierInferenceSource(samples: ShardedData(data.validation, shard: shard), batchSize: max(job.batchSize, 256),
                                                       classifier: classifier, recipe: job.recipe, sampleShape: data.sampleShape)
        let inferencers: [any Inferencer] = [
            DistributedClassificationError(wrongName: "wrong-top1", summaryName: "val-error-top1", communicator: communicator),
            DistributedClassificationError(wrongName: "wrong-top5", summaryName: "val-error-top5", communicator: communicator),
            DistributedScalarStats(["cost"], communicator: communicator),
        ]
        let globalBatch = job.batchSize * communicator.size
        let stepsPerEpoch = job.stepsPerEpoch ?? max(1, data.train.size / globalBatch)
        var callbacks = TrainCallbacks(job: job, validation: validation, inferencers: inferencers)
        // Live edits of hyper.txt would reach rank 0 only and let the replicas drift apart:
        // a distributed run follows the schedule alone (on every rank, so all stay equal).
        callbacks.list.removeAll { $0 is HumanHyperParamSetter }
        return TrainRun.Parts(backend: backend, callbacks: callbacks, stepsPerEpoch: stepsPerEpoch)
    }
}

extension TrainFailure: CustomStringConvertible {
    /// The one-line message (what a failing rank of a distributed run reports).
    var description: String {
        switch self {
        case let .usage(message), let .training(message): return message
        case .interrupted: return "interrupted"
        }
    }
}
