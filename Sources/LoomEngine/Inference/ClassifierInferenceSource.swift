import LoomData
import LoomNN
import LoomTraining

/// The validation side of a classifier run, for `InferenceRunner` and
/// `DataParallelInferenceRunner`: a validation `DataFlow` of `[image, label]` samples
/// batched in order (the last batch may be smaller), evaluated by replicas of the
/// training model.
///
/// Each replica is a separate model built by `makeModel` (same architecture) into which
/// the training model's current parameters and buffers are copied when the replica is
/// made, at the start of a pass. The first is built and checked against the training
/// model when the source is made, so a mismatch is an error before training starts, not
/// after the first epoch; released replicas' models are reused. A replica runs in
/// evaluation mode (no dropout, BatchNorm running statistics, no gradient recording, no
/// update ops), so a pass never touches the training model, its optimizer, or the
/// training data.
///
/// Outputs per batch: `cost`, `cross_entropy_loss`, `regularize_cost` (scalars) and
/// `wrong-top1`, `wrong-top5` (per-sample vectors).
public final class ClassifierInferenceSource<Samples: DataFlow>: ParallelInferenceSource {
    /// The batch type handed to replicas.
    public typealias Batch = ClassifierBatch

    /// The training model whose weights replicas copy.
    public let classifier: ClassifierModel
    /// The batched validation data (in order, last batch kept).
    public let batches: BatchData<Samples>
    /// Every output a batch can return.
    public let outputNames: Set<String> = ["cost", "cross_entropy_loss", "regularize_cost", "wrong-top1", "wrong-top5"]
    private let makeModel: () throws -> ClassifierModel
    private let spares = SpareReplicaModels<ClassifierModel>()

    /// Creates a source.
    /// - Parameters:
    ///   - samples: The validation samples, `[image, label]` each.
    ///   - batchSize: Samples per batch.
    ///   - classifier: The training model (read, never changed).
    ///   - makeModel: Builds a model with the same architecture and state names (its own
    ///     initial weights are overwritten).
    /// - Throws: A bad batch size, an error of the flow's `resetState()` or of `makeModel`,
    ///   or ``EngineError/state(_:)`` when the model it builds does not match `classifier`.
    public init(samples: Samples, batchSize: Int, classifier: ClassifierModel,
                makeModel: @escaping () throws -> ClassifierModel) throws {
        batches = try BatchData(samples, batchSize: batchSize, remainder: .keep)
        try batches.resetState()
        self.classifier = classifier
        self.makeModel = makeModel
        spares.put(try loaded(makeModel()))
    }

    /// Creates a source whose replicas are built by `recipe` for the classifier's data.
    /// - Parameters:
    ///   - samples: The validation samples, `[image, label]` each.
    ///   - batchSize: Samples per batch.
    ///   - classifier: The training model (read, never changed).
    ///   - recipe: The recipe the training model was built with.
    ///   - sampleShape: One sample's shape as the data yields it.
    /// - Throws: A bad batch size, or an error of the flow's `resetState()`.
    public convenience init(samples: Samples, batchSize: Int, classifier: ClassifierModel, recipe: ClassifierRecipe,
                            sampleShape: [Int]) throws {
        let classes = classifier.classes
        try self.init(samples: samples, batchSize: batchSize, classifier: classifier) {
            try recipe.makeClassifier(sampleShape: sampleShape, classes: classes, seed: 0)
        }
    }

    /// The number of validation samples, when the flow knows it.
    public var sampleCount: Int? { batches.upstream.count }

    /// Reads one pass of validation batches in order, on the calling thread.
    public func forEachInput(_ body: (ClassifierBatch) throws -> Void) throws {
        var iterator = batches.makeIterator()
        while let datapoint = try iterator.next() {
            try body(try ClassifierBatch(datapoint, inputShape: classifier.inputShape, classes: classifier.classes))
        }
    }

    /// An evaluation model holding the training model's current weights: the model of a
    /// released replica when there is one (its weights reloaded), else a new one.
    /// - Throws: ``EngineError/state(_:)`` when the built model's state names differ.
    public func makeReplica() throws -> any InferenceReplica<ClassifierBatch> {
        let replica = try loaded(spares.take() ?? makeModel())
        return ClassifierReplica(replica) { [spares] in spares.put($0) }
    }

    /// `replica` in evaluation mode with the training model's current state.
    private func loaded(_ replica: ClassifierModel) throws -> ClassifierModel {
        do {
            try replica.model.copyState(from: classifier.model)
        } catch {
            throw EngineError.state("the replica model does not match the training model: \(error.description)")
        }
        replica.weightDecay = classifier.weightDecay
        replica.model.isTraining = false
        return replica
    }
}
