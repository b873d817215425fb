import LoomNN
import LoomTensor
import LoomTraining

/// One evaluation copy of a model with its cost function, used by one thread for one
/// validation pass.
final class ModelReplica<Batch>: InferenceReplica {
    private let model: Model
    private let cost: (Model, Batch, CostContext) throws -> ModelOutputs
    private let declared: [String]

    init(model: Model, cost: @escaping (Model, Batch, CostContext) throws -> ModelOutputs, declared: [String]) {
        self.model = model
        self.cost = cost
        self.declared = declared
    }

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
