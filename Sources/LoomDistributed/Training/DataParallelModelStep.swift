import LoomData
import LoomEngine
import LoomNN
import LoomTensor
import LoomTraining

/// Trains any ``LoomEngine/ModelBackend`` data-parallel: pass ``step(_:_:_:)`` as the
/// backend's custom `step`. Every rank computes the cost and gradients on its own batch
/// (give the backend a ``ShardedBatches`` flow), the gradients and the step's scalar
/// outputs are averaged over the ranks in one bucketed allreduce, then every optimizer
/// group updates, identically on every rank. ``DataParallelClassifierBackend`` is the
/// classifier recipe of `ModelBackend` with this step.
///
/// ```swift
/// let parallel = DataParallelModelStep(communicator: communicator)
/// try parallel.synchronize(model)
/// let backend = try ModelBackend(model: model, optimizers: [.all(.adam())], data: ShardedBatches(global, shard: DataShard(communicator)),
///                                outputs: ["mse"], batch: convert, cost: cost, step: { try parallel.step($0, $1, $2) })
/// ```
///
/// The outputs that are scalars at the first step are computed and averaged at every
/// step (whatever was requested), so the ranks always make the same collective calls;
/// other outputs (vectors) are this rank's own, copied when requested. Buffers (BatchNorm
/// moving statistics): the update ops run on every rank when any rank asks for them (the
/// flag travels with the gradients), then the buffers are averaged over the ranks; the
/// batch statistics used inside a step are per rank.
public final class DataParallelModelStep {
    /// The group the replicas belong to.
    public let communicator: any Communicator
    private let megabytes: Double
    private var averaging: GradientAveraging?
    private var bufferReducer: BucketedAllreduce?
    /// The declared outputs besides `cost` that were scalars at the first step.
    private var scalarNames: [String]?

    /// Creates the step.
    /// - Parameters:
    ///   - communicator: The job's group.
    ///   - bucketMegabytes: The size of the fused allreduce buckets in MiB.
    public init(communicator: any Communicator, bucketMegabytes: Double = 4) {
        self.communicator = communicator
        megabytes = bucketMegabytes
    }

    /// Gives every rank rank 0's parameters and buffers (one broadcast); call once before training.
    /// - Parameter model: This rank's replica.
    /// - Throws: ``DistributedError/sizeMismatch(what:local:smallest:largest:)`` when the replicas
    ///   differ in size, or a transport error.
    public func synchronize(_ model: Model) throws(DistributedError) {
        try model.broadcastState(over: communicator)
    }

    /// One data-parallel step on this rank's `batch`: zero gradients, the cost and its
    /// backward pass, the allreduce, the update ops (see the type's notes), every group's
    /// update. Every rank must call it.
    /// - Returns: The cost and the scalar outputs averaged over the ranks, and this rank's
    ///   requested non-scalar outputs.
    /// - Throws: An error of the cost function, ``DistributedTrainingError/unsupportedModel(_:)``
    ///   for an output that was a scalar at the first step and is not now, or a transport error.
    public func step<Flow, Batch>(_ backend: ModelBackend<Flow, Batch>, _ batch: Batch, _ context: CostContext) throws -> ModelOutputs {
        backend.zeroGradients()
        var scalars: [Float]
        var vectors: [(name: String, value: StepValue)] = []
        let names: [String]
        do {
            // This rank's outputs (and the graph they hold) end here, before the update writes the weights.
            let local = try backend.computeCost(batch, context)
            local.cost.backward(observer: backend.model.context.traceRecorder)
            names = scalarNames ?? backend.declaredOutputs.filter { name in
                if name == "cost" { return false }
                if case .scalar? = local.value(name) { return true }
                return false
            }
            scalarNames = names
            scalars = [Float(local.cost.scalar)]
            for name in names {
                guard case let .scalar(value)? = local.value(name) else {
                    throw DistributedTrainingError.unsupportedModel("its output '\(name)' was a scalar at the first step and is not now; "
                        + "data-parallel steps average the same scalar outputs at every step")
                }
                scalars.append(Float(value))
            }
            for name in context.requested where name != "cost" && !names.contains(name) {
                if let value = local.value(name) { vectors.append((name, value)) }
            }
        }
        try synchronizeGradients(of: backend.model, scalars: &scalars, runUpdateOps: context.runUpdateOps)
        for group in backend.groups { try backend.update(group.name) }
        var outputs = ModelOutputs(cost: Tensor(scalars[0]))
        for (name, value) in zip(names, scalars.dropFirst()) { outputs.scalar(name) { value } }
        for (name, value) in vectors { outputs.set(name) { value } }
        return outputs
    }

    /// The data-parallel part of a step, after this rank's backward pass and before the
    /// optimizers update: averages every parameter's gradient and `scalars` over the ranks
    /// (one bucketed allreduce), then runs the model's update ops when any rank asked for
    /// them (and averages the buffers) or discards them.
    /// - Parameters:
    ///   - model: This rank's replica.
    ///   - scalars: The step's scalars; replaced by their averages.
    ///   - runUpdateOps: Whether this rank asks for the update ops.
    /// - Throws: a transport error.
    func synchronizeGradients(of model: Model, scalars: inout [Float], runUpdateOps: Bool) throws(DistributedError) {
        scalars.append(runUpdateOps ? 1 : 0)
        let parameters = model.namedParameters()
        // Taken out of the property while it runs, so its arrays are not copied on write.
        var averaging = self.averaging.flatMap { $0.extraCount == scalars.count ? $0 : nil }
            ?? GradientAveraging(parameters: parameters, extraCount: scalars.count, megabytes: megabytes)
        self.averaging = nil
        try averaging.run(parameters, extras: &scalars, over: communicator)
        self.averaging = averaging
        if scalars.removeLast() > 0 {
            model.applyUpdateOps()
            try averageBuffers(of: model)
        } else {
            model.discardUpdateOps()
        }
    }

    /// Averages every buffer (BatchNorm moving statistics) of `model` over the ranks.
    /// - Parameter model: This rank's replica.
    /// - Throws: a transport error.
    public func averageBuffers(of model: Model) throws(DistributedError) {
        let buffers = model.namedBuffers()
        guard communicator.size > 1, !buffers.isEmpty else { return }
        var reducer = bufferReducer ?? BucketedAllreduce(counts: buffers.map { $0.buffer.value.scalarCount }, megabytes: megabytes)
        bufferReducer = nil
        defer { bufferReducer = reducer }
        try reducer.run(over: communicator, mean: true, read: { index, target in
            buffers[index].buffer.value.withUnsafeBufferPointer { source in
                for position in 0..<target.count { target[position] = source[position] }
            }
        }, write: { index, source in
            buffers[index].buffer.value = Tensor(shape: buffers[index].buffer.shape, scalars: Array(source))
        })
    }
}
