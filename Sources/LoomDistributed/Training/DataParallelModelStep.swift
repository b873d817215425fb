import LoomData
import LoomEngine
import LoomNN
import LoomTensor

/// Trains any ``LoomEngine/ModelBackend`` data-parallel: pass ``step(_:_:_:)`` as the
/// backend's custom `step`. Every rank computes the cost and gradients on its own batch
/// (give the backend a ``ShardedBatches`` flow), the gradients and the step's scalar
/// outputs are averaged over the ranks in one bucketed allreduce, then every optimizer
/// group updates, identically on every rank.
///
/// ```swift
/// let parallel = DataParallelModelStep(communicator: communicator)
/// try parallel.synchronize(model)
/// let backend = try ModelBackend(model: model, optimizers: [.all(.adam())], data: ShardedBatches(global, shard: DataShard(communicator)),
///                                outputs: ["mse"], batch: convert, cost: cost, step: { try parallel.step($0, $1, $2) })
/// ```
///
/// Every declared output of the backend must be a scalar: all of them are computed and
/// averaged at every step (whatever was requested), so the ranks always make the same
/// collective calls. Models with buffers (BatchNorm statistics) are refused: their
/// statistics would drift apart per rank (``DataParallelClassifier`` averages them).
public final class DataParallelModelStep {
    /// The group the replicas belong to.
    public let communicator: any Communicator
    private let megabytes: Double
    private var averaging: GradientAveraging?

    /// Creates the step.
    /// - Parameters:
    ///   - communicator: The job's group.
    ///   - bucketMegabytes: The size of the fused allreduce buckets in MiB.
    public init(communicator: any Communicator, bucketMegabytes: Double = 4) {
        self.communicator = communicator
        megabytes = bucketMegabytes
    }

    /// Gives every rank rank 0's parameters (one broadcast); call once before training.
    /// - Parameter model: This rank's replica.
    /// - Throws: ``DistributedTrainingError/unsupportedModel(_:)`` for a model with buffers;
    ///   ``DistributedError/sizeMismatch(what:local:smallest:largest:)`` when the replicas differ in size.
    public func synchronize(_ model: Model) throws {
        guard model.namedBuffers().isEmpty else {
            throw DistributedTrainingError.unsupportedModel(
                "it has buffers (\(model.namedBuffers().map(\.name).joined(separator: ", "))), which DataParallelModelStep does not average; use DataParallelClassifier")
        }
        try model.broadcastState(over: communicator)
    }

    /// One data-parallel step on this rank's `batch`: zero gradients, the cost and its
    /// backward pass, the allreduce, every group's update. Every rank must call it.
    /// - Returns: The cost and every declared output, averaged over the ranks.
    /// - Throws: An error of the cost function, ``DistributedTrainingError/unsupportedModel(_:)``
    ///   for an output that is not a scalar, or a transport error.
    public func step<Flow, Batch>(_ backend: ModelBackend<Flow, Batch>, _ batch: Batch, _ context: CostContext) throws -> ModelOutputs {
        let names = backend.declaredOutputs.filter { $0 != "cost" }
        backend.zeroGradients()
        let local = try backend.computeCost(batch, context)
        local.cost.backward(observer: backend.model.context.traceRecorder)
        var scalars = [Float(local.cost.scalar)]
        for name in names {
            guard let value = local.value(name)?.scalarValue else {
                throw DistributedTrainingError.unsupportedModel("its output '\(name)' is not a scalar; data-parallel steps average scalar outputs only")
            }
            scalars.append(Float(value))
        }
        let parameters = backend.model.namedParameters()
        var averaging = self.averaging ?? GradientAveraging(parameters: parameters, extraCount: scalars.count, megabytes: megabytes)
        try averaging.run(parameters, extras: &scalars, over: communicator)
        self.averaging = averaging
        for group in backend.groups { try backend.update(group.name) }
        var outputs = ModelOutputs(cost: Tensor(scalars[0]))
        for (name, value) in zip(names, scalars.dropFirst()) { outputs.scalar(name) { value } }
        return outputs
    }
}
