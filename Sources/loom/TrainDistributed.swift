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
/// prints and writes the log directory (``DistributedRun/configure(_:verboseRanks:)``).
/// `hyper.txt` (in rank 0's log directory) is read by rank 0's HumanHyperParamSetter, and
/// ``HyperParamBroadcast`` hands rank 0's learning rate to every rank at the same events.
/// `--resume`: rank 0 loads the latest checkpoint and broadcasts it (``DistributedResume``);
/// the backend's resume state (the global-batch position, the generator) makes it exact.
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
        let backend = DataParallelClassifierBackend(parallel: parallel, cursor: cursor)
        let validation = try ClassifierInferenceSource(samples: ShardedData(data.validation, shard: shard), batchSize: max(job.batchSize, 256),
                                                       classifier: classifier, recipe: job.recipe, sampleShape: data.sampleShape)
        let inferencers: [any Inferencer] = [
            DistributedClassificationError(wrongName: "wrong-top1", summaryName: .valErrorTop1, communicator: communicator),
            DistributedClassificationError(wrongName: "wrong-top5", summaryName: .valErrorTop5, communicator: communicator),
            DistributedScalarStats(["cost"], communicator: communicator),
        ]
        let globalBatch = job.batchSize * communicator.size
        let stepsPerEpoch = job.stepsPerEpoch ?? max(1, data.train.size / globalBatch)
        var callbacks = TrainCallbacks(job: job, validation: validation, inferencers: inferencers)
        // hyper.txt lives in rank 0's log directory: only rank 0 reads it, and right after
        // its setter (same events: beforeTrain, every epoch) rank 0's learning rate is
        // broadcast, so every replica takes an edit at the same step.
        if let human = callbacks.list.firstIndex(where: { $0 is HumanHyperParamSetter }) {
            if !communicator.isChief { callbacks.list.remove(at: human) }
            let position = communicator.isChief ? human + 1 : human
            callbacks.list.insert(HyperParamBroadcast([HyperParam.learningRate.name], communicator: communicator), at: position)
        }
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
