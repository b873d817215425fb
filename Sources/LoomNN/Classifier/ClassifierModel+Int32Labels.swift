import LoomTensor

extension ClassifierModel {
    /// ``step(images:labels:training:)`` with labels as `Int32` (as data pipelines store them).
    /// - Parameters:
    ///   - images: `[N] + inputShape`.
    ///   - labels: `N` class indices.
    ///   - training: The mode to run in.
    /// - Returns: The outputs.
    public func step(images: Tensor, labels: [Int32], training: Bool) -> ClassifierOutputs {
        step(images: images, labels: IndexTensor(labels.map { Int($0) }), training: training)
    }

    /// ``trainStep(images:labels:optimizer:)`` with labels as `Int32`.
    /// - Parameters:
    ///   - images: `[N] + inputShape`.
    ///   - labels: `N` class indices.
    ///   - optimizer: The optimizer to apply.
    /// - Returns: The step's outputs.
    public func trainStep(images: Tensor, labels: [Int32], optimizer: Optimizer) -> ClassifierOutputs {
        trainStep(images: images, labels: IndexTensor(labels.map { Int($0) }), optimizer: optimizer)
    }
}
