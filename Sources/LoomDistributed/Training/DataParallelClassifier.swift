import LoomNN
import LoomTensor

/// Makes a ``LoomNN/ClassifierModel`` train data-parallel: every rank holds a replica,
/// computes gradients on its own batch, and the gradients are averaged over the ranks
/// (one bucketed allreduce per step) before the same optimizer update runs everywhere, so
/// the replicas stay identical.
///
/// Call ``synchronizeInitialState()`` once before training (every rank takes rank 0's
/// weights). BatchNorm moving statistics are averaged over the ranks whenever update ops
/// run (``applyUpdateOps()``); the batch statistics used inside a step are per rank.
public final class DataParallelClassifier {
    /// The local replica.
    public let classifier: ClassifierModel
    /// The optimizer (its state stays identical on every rank).
    public let optimizer: Optimizer
    /// The group the replicas belong to.
    public let communicator: any Communicator
    /// Averages the gradients with the step's five scalars and the update-ops flag.
    var averaging: GradientAveraging
    var bufferReducer: BucketedAllreduce

    /// Wraps a replica.
    /// - Parameters:
    ///   - classifier: The local replica (built the same way on every rank).
    ///   - optimizer: The optimizer.
    ///   - communicator: The group.
    ///   - bucketMegabytes: The size of the fused allreduce buckets in MiB.
    public init(classifier: ClassifierModel, optimizer: Optimizer, communicator: any Communicator, bucketMegabytes: Double = 4) {
        self.classifier = classifier
        self.optimizer = optimizer
        self.communicator = communicator
        // The extras ride in the last bucket: the five scalars of the step and whether update ops run.
        averaging = GradientAveraging(parameters: classifier.model.namedParameters(), extraCount: 6, megabytes: bucketMegabytes)
        bufferReducer = BucketedAllreduce(counts: classifier.model.namedBuffers().map { $0.buffer.value.scalarCount },
                                          megabytes: bucketMegabytes)
    }

    /// Gives every rank rank 0's parameters and buffers (one broadcast).
    /// - Throws: ``DistributedError/sizeMismatch(what:local:smallest:largest:)`` when the replicas
    ///   differ in size, or a transport error.
    public func synchronizeInitialState() throws(DistributedError) {
        try classifier.model.broadcastState(over: communicator)
    }

    /// Averages every buffer (BatchNorm moving statistics) over the ranks.
    /// - Throws: a transport error.
    public func averageBuffers() throws(DistributedError) {
        let buffers = classifier.model.namedBuffers()
        guard communicator.size > 1, !buffers.isEmpty else { return }
        try bufferReducer.run(over: communicator, mean: true, read: { index, target in
            buffers[index].buffer.value.withUnsafeBufferPointer { source in
                for position in 0..<target.count { target[position] = source[position] }
            }
        }, write: { index, source in
            buffers[index].buffer.value = Tensor(shape: buffers[index].buffer.shape, scalars: Array(source))
        })
    }

    /// Applies the pending update ops, then averages the buffers over the ranks.
    /// - Throws: a transport error.
    public func applyUpdateOps() throws(DistributedError) {
        classifier.model.applyUpdateOps()
        try averageBuffers()
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
