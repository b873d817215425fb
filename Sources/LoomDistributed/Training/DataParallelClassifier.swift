import LoomNN
import LoomTensor

/// Makes a ``LoomNN/ClassifierModel`` train data-parallel: every rank holds a replica,
/// computes gradients on its own batch, and the gradients are averaged over the ranks
/// (one bucketed allreduce per step, ``DataParallelModelStep``) before the same optimizer
/// update runs everywhere, so the replicas stay identical.
///
/// Call ``synchronizeInitialState()`` once before training (every rank takes rank 0's
/// weights). BatchNorm moving statistics are averaged over the ranks whenever update ops
/// run; the batch statistics used inside a step are per rank. Train it step by step with
/// ``trainStep(images:labels:runUpdateOps:)``, or with a trainer through
/// ``DataParallelClassifierBackend``.
public final class DataParallelClassifier {
    /// The local replica.
    public let classifier: ClassifierModel
    /// The optimizer (its state stays identical on every rank).
    public let optimizer: Optimizer
    /// The data-parallel step every replica runs (shared with ``DataParallelClassifierBackend``).
    public let modelStep: DataParallelModelStep

    /// Wraps a replica.
    /// - Parameters:
    ///   - classifier: The local replica (built the same way on every rank).
    ///   - optimizer: The optimizer.
    ///   - communicator: The group.
    ///   - bucketMegabytes: The size of the fused allreduce buckets in MiB.
    public init(classifier: ClassifierModel, optimizer: Optimizer, communicator: any Communicator, bucketMegabytes: Double = 4) {
        self.classifier = classifier
        self.optimizer = optimizer
        modelStep = DataParallelModelStep(communicator: communicator, bucketMegabytes: bucketMegabytes)
    }

    /// The group the replicas belong to.
    public var communicator: any Communicator { modelStep.communicator }

    /// Gives every rank rank 0's parameters and buffers (one broadcast).
    /// - Throws: ``DistributedError/sizeMismatch(what:local:smallest:largest:)`` when the replicas
    ///   differ in size, or a transport error.
    public func synchronizeInitialState() throws(DistributedError) {
        try modelStep.synchronize(classifier.model)
    }

    /// A fingerprint of every parameter's and buffer's exact bits (FNV-1a, 52 bits so it
    /// survives a `Double` allreduce): equal on every rank when the replicas are identical.
    public func stateFingerprint() -> Double {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for array in classifier.model.stateArrays() {
            for value in array.values {
                hash = (hash ^ UInt64(value.bitPattern)) &* 0x0000_0100_0000_01B3
            }
        }
        return Double(hash & ((1 << 52) - 1))
    }
}
