import LoomNN
import LoomTensor
import LoomTraining

/// One evaluation copy of a classifier, used by one thread for one validation pass.
final class ClassifierReplica: InferenceReplica {
    typealias Batch = ClassifierBatch
    private let classifier: ClassifierModel
    private let release: (ClassifierModel) -> Void

    /// - Parameters:
    ///   - classifier: the evaluation model, owned by this replica until it is released.
    ///   - release: receives the model when the replica is released (for reuse).
    init(_ classifier: ClassifierModel, release: @escaping (ClassifierModel) -> Void = { _ in }) {
        self.classifier = classifier
        self.release = release
    }

    deinit { release(classifier) }

    /// Evaluation-mode forward without gradient recording; no update op is kept.
    func infer(_ batch: ClassifierBatch, fetches: [String]) throws -> (outputs: StepOutputs, batchSize: Int) {
        let result = classifier.step(images: batch.images, labels: batch.labels, training: false)
        classifier.model.discardUpdateOps()
        var outputs = StepOutputs()
        for name in fetches where outputs.values[name] == nil {
            guard let value = result.value(named: name), !name.hasPrefix("train-") else {
                throw EngineError.unknownOutput(name, known: ["cost", "cross_entropy_loss", "regularize_cost", "wrong-top1", "wrong-top5"])
            }
            outputs.values[name] = value
        }
        return (outputs, batch.count)
    }
}
