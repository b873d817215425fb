import LoomNN
import LoomTensor
import LoomTraining

/// One evaluation copy of a model with its cost function, used by one thread for one
/// validation pass.
final class ModelReplica<Batch>: InferenceReplica {
    private let model: Model
    private let cost: (Model, Batch, CostContext) throws -> ModelOutputs
    private let declared: [String]
    private let release: (Model) -> Void

    /// - Parameters:
    ///   - model: the evaluation model, owned by this replica until it is released.
    ///   - release: receives the model when the replica is released (for reuse).
    init(model: Model, cost: @escaping (Model, Batch, CostContext) throws -> ModelOutputs, declared: [String],
         release: @escaping (Model) -> Void = { _ in }) {
        self.model = model
        self.cost = cost
        self.declared = declared
        self.release = release
    }

    deinit { release(model) }

    /// Evaluation-mode cost without gradient recording; no update op is kept.
    func infer(_ batch: CountedBatch<Batch>, fetches: [String]) throws -> (outputs: StepOutputs, batchSize: Int) {
        for name in fetches where !declared.contains(name) { throw EngineError.unknownOutput(name, known: declared) }
        model.isTraining = false
        let result = try Tensor.withoutGradients { try cost(model, batch.batch, CostContext(isTraining: false, requested: fetches)) }
        model.discardUpdateOps()
        var outputs = StepOutputs()
        for name in fetches where outputs.values[name] == nil {
            guard let value = result.value(name) else { throw EngineError.missingOutput(name, produced: result.names) }
            outputs.values[name] = value
        }
        return (outputs, batch.count)
    }
}
