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
            let (cost, result) = classifier.lossAndOutputs(images: images, labels: labels, training: true)
            cost.backward()
            outputs = result
        }
        let parameters = model.namedParameters()
        let count = parameters.count
        for index in 0..<count { extras[index] = parameters[index].parameter.gradient == nil ? 0 : 1 }
        let scalars = [outputs.cost, outputs.crossEntropy, outputs.regularization, outputs.errorTop1, outputs.errorTopK]
        for (offset, value) in scalars.enumerated() { extras[count + offset] = value }
        extras[count + 5] = runUpdateOps ? 1 : 0

        try gradientReducer.run(over: communicator, mean: true, read: { index, target in
            if index == count {
                extras.withUnsafeBufferPointer { source in for position in 0..<target.count { target[position] = source[position] } }
            } else if let gradient = parameters[index].parameter.gradient {
                gradient.withUnsafeBufferPointer { source in for position in 0..<target.count { target[position] = source[position] } }
            } else {
                for position in 0..<target.count { target[position] = 0 }
            }
        }, write: { index, source in
            if index == count {
                extras.withUnsafeMutableBufferPointer { target in for position in 0..<source.count { target[position] = source[position] } }
            } else {
                averagedGradients[index].withUnsafeMutableBufferPointer { target in
                    for position in 0..<source.count { target[position] = source[position] }
                }
            }
        })

        // Replace each local gradient with the average: clear it, then back-propagate the
        // average into the leaf itself (a leaf's backward only accumulates its seed).
        for index in 0..<count {
            let parameter = parameters[index].parameter
            parameter.zeroGradient()
            guard extras[index] > 0 else { continue }
            parameter.value.backward(seed: Tensor(shape: parameter.shape, scalars: averagedGradients[index]))
        }
        optimizer.update(parameters)

        if extras[count + 5] > 0 {
            try applyUpdateOps()
        } else {
            model.discardUpdateOps()
        }
        return (outputs, AveragedScalars(values: extras[count..<(count + 5)]))
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
