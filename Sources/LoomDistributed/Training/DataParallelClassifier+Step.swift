import LoomNN
import LoomTensor

extension DataParallelClassifier {
    /// One data-parallel training step on this rank's batch: forward and backward locally,
    /// average the gradients (and the step's scalars) over the ranks in one bucketed
    /// allreduce, then update with the averaged gradients. Every rank must call it.
    ///
    /// Update ops run on every rank when any rank asks for them (the flag travels with the
    /// gradients, so ranks cannot disagree); the buffers are then averaged.
    /// - Parameters:
    ///   - images: This rank's `[B] + inputShape` batch.
    ///   - labels: Its `[B]` labels.
    ///   - runUpdateOps: Whether BatchNorm statistics are updated with this step.
    /// - Returns: The local outputs and the scalars averaged over the ranks.
    /// - Throws: a transport error.
    public func trainStep(images: Tensor, labels: IndexTensor, runUpdateOps: Bool = true)
        throws(DistributedError) -> (local: ClassifierOutputs, averaged: AveragedScalars) {
        let model = classifier.model
        model.zeroGradients()
        let outputs: ClassifierOutputs
        do {
            // The cost (and the graph it holds) ends here, before the update writes the weights.
            let (cost, result) = classifier.lossAndOutputs(images: images, labels: labels, training: true)
            cost.backward(observer: model.context.traceRecorder)
            outputs = result
        }
        var scalars = [outputs.cost, outputs.crossEntropy, outputs.regularization, outputs.errorTop1, outputs.errorTopK]
        try modelStep.synchronizeGradients(of: model, scalars: &scalars, runUpdateOps: runUpdateOps)
        optimizer.update(model.namedParameters(), recorder: model.context.traceRecorder)
        return (outputs, AveragedScalars(values: scalars))
    }

    /// ``trainStep(images:labels:runUpdateOps:)`` with `Int32` labels.
    /// - Parameters:
    ///   - images: This rank's batch.
    ///   - labels: Its labels.
    ///   - runUpdateOps: Whether BatchNorm statistics are updated.
    /// - Returns: The local outputs and the averaged scalars.
    /// - Throws: a transport error.
    public func trainStep(images: Tensor, labels: [Int32], runUpdateOps: Bool = true)
        throws(DistributedError) -> (local: ClassifierOutputs, averaged: AveragedScalars) {
        try trainStep(images: images, labels: IndexTensor(labels.map { Int($0) }), runUpdateOps: runUpdateOps)
    }
}
