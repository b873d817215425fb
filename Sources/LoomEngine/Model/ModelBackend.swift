import LoomData
import LoomNN
import LoomTensor
import LoomTraining

/// The training backend of any `LoomNN` model: the model, its optimizers (one, or named
/// groups of parameters with their own optimizers), a resumable cursor over batches of
/// any layout, and a cost function that turns a batch into the cost to minimise and named
/// outputs.
///
/// ```swift
/// let backend = try ModelBackend(model: Model(network, seed: 1), optimizer: .adam(), data: batches,
///                                outputs: ["mae"], batch: { try TensorBatch($0, names: ["x", "y"]) }) { model, batch, _ in
///     let prediction = model(batch["x"])
///     var outputs = ModelOutputs(cost: Loss.meanSquaredError(prediction, batch["y"]))
///     outputs.scalar("mae") { Loss.meanAbsoluteError(prediction.detached(), batch["y"]).scalar }
///     return outputs
/// }
/// ```
///
/// A step (``runStep(_:)``): next batch → the default step (zero gradients, the cost in
/// training mode, backward, every group's optimizer update) or the custom `step` given at
/// creation → update ops only when asked → exactly the requested outputs. Outputs are
/// `cost` plus the names declared in `outputs`; summaries (when asked) are a histogram and
/// an L2 norm (`<name>/norm`) of every parameter. State, hyperparameters and resume are in
/// the extensions (`ModelBackend+State`, `+Hyperparameters`, `+Resume`).
public final class ModelBackend<Flow: DataFlow, Batch>: TrainingBackend {
    /// Computes the cost and named outputs of `batch` (the model is already in the mode
    /// the context says).
    public typealias CostFunction = (Model, Batch, CostContext) throws -> ModelOutputs
    /// A custom training step: given the backend, the step's first batch and the context,
    /// does the forward/backward/update work (through ``computeCost(_:_:)``,
    /// ``update(_:)``, ``nextBatch()``) and returns the outputs to report.
    public typealias TrainingStep = (ModelBackend, Batch, CostContext) throws -> ModelOutputs

    /// The model being trained.
    public let model: Model
    /// The optimizer groups, in the order the default step updates them.
    public let groups: [OptimizerGroup]
    /// The resumable position in the training data (one datapoint = one batch).
    public let cursor: DataCursor<Flow>
    /// The output names, as a set for request checks.
    public let outputNames: Set<String>
    /// The output names in declaration order (`cost` first).
    public let declaredOutputs: [String]
    /// The scalar outputs smoothed by `MovingAverageSummary`.
    public let movingAverageNames: [String]
    /// Whether batches may change sample shape.
    public let sampleShapes: SampleShapes
    /// The cost function.
    public let costFunction: CostFunction
    /// Converts a datapoint to the cost function's batch type (shared with inference).
    public let convert: (Datapoint) throws -> Batch
    let groupParameters: [[(name: String, parameter: Parameter)]]
    private let customStep: TrainingStep?
    private var firstSampleShapes: [[Int]]?
    private var costChecked = false
    /// The arrays of the last ``exportState()``, reused by the next.
    var snapshotArrays = SnapshotArrays()

    /// Creates a backend with optimizer groups and, optionally, a custom step.
    /// - Parameters:
    ///   - model: The model.
    ///   - optimizers: One or more groups; each must select at least one parameter and no
    ///     parameter may be in two groups (parameters in none stay frozen).
    ///   - data: Batches (one datapoint per batch); passes repeat endlessly.
    ///   - outputs: The named outputs the cost function produces besides `cost`.
    ///   - movingAverages: Scalar outputs to keep moving averages of.
    ///   - sampleShapes: Whether batches may change sample shape.
    ///   - batch: Converts a datapoint to the cost function's batch type.
    ///   - cost: The cost function.
    ///   - step: A custom training step; `nil` for the default one.
    /// - Throws: ``EngineError/parameterGroup(_:)`` for an empty, unnamed or overlapping
    ///   group; ``EngineError/unknownOutput(_:known:)`` for a moving average that is not
    ///   an output; an error of the flow's `resetState()`.
    public convenience init(model: Model, optimizers: [OptimizerGroup], data: Flow, outputs: [String] = [],
                            movingAverages: [String] = ["cost"], sampleShapes: SampleShapes = .fixed,
                            batch: @escaping (Datapoint) throws -> Batch, cost: @escaping CostFunction,
                            step: TrainingStep? = nil) throws {
        try self.init(model: model, optimizers: optimizers, cursor: try DataCursor(data), outputs: outputs, movingAverages: movingAverages,
                      sampleShapes: sampleShapes, batch: batch, cost: cost, step: step)
    }

    /// Creates a backend that reads its batches from `cursor` (at whatever position it is).
    /// - Parameters:
    ///   - model: The model.
    ///   - optimizers: As in ``init(model:optimizers:data:outputs:movingAverages:sampleShapes:batch:cost:step:)``.
    ///   - cursor: The batches (one datapoint per batch), e.g. over a data-parallel shard.
    ///   - outputs: The named outputs the cost function produces besides `cost`.
    ///   - movingAverages: Scalar outputs to keep moving averages of.
    ///   - sampleShapes: Whether batches may change sample shape.
    ///   - batch: Converts a datapoint to the cost function's batch type.
    ///   - cost: The cost function.
    ///   - step: A custom training step; `nil` for the default one.
    /// - Throws: ``EngineError/parameterGroup(_:)`` for an empty, unnamed or overlapping
    ///   group; ``EngineError/unknownOutput(_:known:)`` for a moving average that is not an output.
    public init(model: Model, optimizers: [OptimizerGroup], cursor: DataCursor<Flow>, outputs: [String] = [],
                movingAverages: [String] = ["cost"], sampleShapes: SampleShapes = .fixed,
                batch: @escaping (Datapoint) throws -> Batch, cost: @escaping CostFunction,
                step: TrainingStep? = nil) throws {
        self.model = model
        groups = optimizers
        groupParameters = try Self.partition(model.namedParameters(), into: optimizers)
        var declared = outputs.contains("cost") ? [] : ["cost"]
        for name in outputs where !declared.contains(name) { declared.append(name) }
        declaredOutputs = declared
        outputNames = Set(declared)
        for name in movingAverages where !outputNames.contains(name) { throw EngineError.unknownOutput(name, known: declared) }
        movingAverageNames = movingAverages
        self.sampleShapes = sampleShapes
        convert = batch
        costFunction = cost
        customStep = step
        self.cursor = cursor
    }

    /// Creates a backend with one optimizer over every parameter and the default step.
    /// - Parameters:
    ///   - model: The model.
    ///   - optimizer: Updates every parameter.
    ///   - data: Batches (one datapoint per batch); passes repeat endlessly.
    ///   - outputs: The named outputs the cost function produces besides `cost`.
    ///   - movingAverages: Scalar outputs to keep moving averages of.
    ///   - sampleShapes: Whether batches may change sample shape.
    ///   - batch: Converts a datapoint to the cost function's batch type.
    ///   - cost: The cost function.
    /// - Throws: As ``init(model:optimizers:data:outputs:movingAverages:sampleShapes:batch:cost:step:)``.
    public convenience init(model: Model, optimizer: Optimizer, data: Flow, outputs: [String] = [],
                            movingAverages: [String] = ["cost"], sampleShapes: SampleShapes = .fixed,
                            batch: @escaping (Datapoint) throws -> Batch, cost: @escaping CostFunction) throws {
        try self.init(model: model, optimizers: [.all(optimizer)], data: data, outputs: outputs, movingAverages: movingAverages,
                      sampleShapes: sampleShapes, batch: batch, cost: cost)
    }

    /// The first group's optimizer (the only one without custom groups).
    public var optimizer: Optimizer { groups[0].optimizer }

    /// Reads the next batch from the training data.
    /// - Returns: The batch.
    /// - Throws: An error of the flow or of the batch conversion;
    ///   ``EngineError/batchShapeChanged(component:first:found:)`` under ``SampleShapes/fixed``.
    public func nextBatch() throws -> Batch {
        let datapoint: Datapoint
        do {
            datapoint = try cursor.next()
        } catch DataFlowError.empty {
            throw EngineError.emptyData("the training data")
        }
        if sampleShapes == .fixed { try checkSampleShapes(datapoint) }
        return try convert(datapoint)
    }

    /// Runs one training step on the next batch (see ``step(_:request:)``).
    public func runStep(_ request: StepRequest) throws -> StepOutputs {
        try checkFetches(request.fetches)
        guard let recorder = model.context.traceRecorder else { return try step(try nextBatch(), request: request) }
        return try recorder.span("runStep", category: "step") {
            try step(try recorder.span("batch", category: "data") { try nextBatch() }, request: request)
        }
    }

    /// Runs one training step on `batch`: the custom step, or zero gradients, cost,
    /// backward and every group's update; update ops run when `request.runUpdateOps` and
    /// are discarded otherwise.
    /// - Parameters:
    ///   - batch: The batch.
    ///   - request: The outputs to copy out, update ops, summaries.
    /// - Returns: Exactly the requested outputs, and the summaries when asked.
    /// - Throws: ``EngineError/unknownOutput(_:known:)`` (before anything runs),
    ///   ``EngineError/badCost(_:)``, ``EngineError/missingOutput(_:produced:)``, or an
    ///   error of the cost function or custom step.
    public func step(_ batch: Batch, request: StepRequest) throws -> StepOutputs {
        try checkFetches(request.fetches)
        let context = CostContext(isTraining: true, requested: request.fetches, runUpdateOps: request.runUpdateOps)
        var result = StepOutputs()
        if let customStep {
            let outputs = try customStep(self, batch, context)
            try checkProduced(outputs, request.fetches)
            Self.copy(request.fetches, of: outputs, into: &result)
        } else {
            model.zeroGradients()
            let recorder = model.context.traceRecorder
            do {
                // The outputs and the graph they hold (which references the weights) end
                // here, so the update below writes weights nobody else holds, in place.
                let outputs = try computeCost(batch, context)
                try checkProduced(outputs, request.fetches)
                profiled("backward") { outputs.cost.backward(observer: recorder) }
                Self.copy(request.fetches, of: outputs, into: &result)
            }
            profiled("optimizer") {
                for (group, parameters) in zip(groups, groupParameters) { group.optimizer.update(parameters, recorder: recorder) }
            }
        }
        if request.runUpdateOps { model.applyUpdateOps() } else { model.discardUpdateOps() }
        if request.summaries { result.summaries = makeSummaries() }
        return result
    }

    /// Copies the values of `fetches` out of `outputs` (each name once).
    private static func copy(_ fetches: [String], of outputs: ModelOutputs, into result: inout StepOutputs) {
        guard !fetches.isEmpty else { return }
        result.values.reserveCapacity(fetches.count)
        for name in fetches where result.values[name] == nil { result.values[name] = outputs.value(name) }
    }

    /// Runs the cost function on `batch` in training mode (gradients recorded), checking
    /// that the cost is one number (and finite at the first step). For custom steps.
    /// - Parameters:
    ///   - batch: The batch.
    ///   - context: The step's context.
    /// - Returns: The cost function's outputs.
    /// - Throws: ``EngineError/badCost(_:)`` or an error of the cost function.
    public func computeCost(_ batch: Batch, _ context: CostContext) throws -> ModelOutputs {
        model.isTraining = true
        let outputs = try model.context.traceRecorder.map { try profiledCost(batch, context, $0) } ?? costFunction(model, batch, context)
        try checkCost(outputs.cost)
        return outputs
    }

    /// Clears every parameter's gradient (for custom steps).
    public func zeroGradients() { model.zeroGradients() }

    /// Lets the group `name`'s optimizer update its parameters from their gradients.
    /// - Parameter name: A group's name.
    /// - Throws: ``EngineError/parameterGroup(_:)`` when there is no such group.
    public func update(_ name: String) throws {
        guard let index = groups.firstIndex(where: { $0.name == name }) else {
            throw EngineError.parameterGroup("no group named '\(name)'; the groups are \(groups.map(\.name).joined(separator: ", "))")
        }
        groups[index].optimizer.update(groupParameters[index], recorder: model.context.traceRecorder)
    }

    // MARK: - Checks

    private func checkFetches(_ fetches: [String]) throws {
        for name in fetches where !outputNames.contains(name) { throw EngineError.unknownOutput(name, known: declaredOutputs) }
    }

    private func checkProduced(_ outputs: ModelOutputs, _ fetches: [String]) throws {
        for name in fetches where !outputs.contains(name) { throw EngineError.missingOutput(name, produced: outputs.names) }
    }

    func checkCost(_ cost: Tensor) throws {
        guard cost.scalarCount == 1 else {
            throw EngineError.badCost("has shape \(cost.shape) (\(cost.scalarCount) values); a cost must be one number: "
                + "reduce it with mean() or sum()")
        }
        guard !costChecked else { return }
        let value = cost.scalar
        guard value.isFinite else {
            throw EngineError.badCost("is \(value) at the first step; check the inputs, the initial weights and the cost's "
                + "formula (a log of 0, a division by 0)")
        }
        costChecked = true
    }

    private func checkSampleShapes(_ datapoint: Datapoint) throws {
        guard let first = firstSampleShapes else {
            firstSampleShapes = datapoint.map { Array($0.shape.dropFirst()) }
            return
        }
        for (index, component) in datapoint.enumerated() where index < first.count {
            let shape = component.shape
            if shape.count != first[index].count + 1 || !shape.dropFirst().elementsEqual(first[index]) {
                throw EngineError.batchShapeChanged(component: index, first: first[index], found: Array(shape.dropFirst()))
            }
        }
    }

    private static func partition(_ parameters: [(name: String, parameter: Parameter)],
                                  into groups: [OptimizerGroup]) throws -> [[(name: String, parameter: Parameter)]] {
        guard !groups.isEmpty else { throw EngineError.parameterGroup("give at least one optimizer group") }
        var seenNames = Set<String>()
        var owner: [String: String] = [:]
        var result: [[(name: String, parameter: Parameter)]] = []
        for group in groups {
            guard seenNames.insert(group.name).inserted else { throw EngineError.parameterGroup("two groups are named '\(group.name)'") }
            let selected = parameters.filter { group.contains($0.name) }
            guard !selected.isEmpty else {
                throw EngineError.parameterGroup("group '\(group.name)' (\(group.selection)) selects no parameter; the model's "
                    + "parameters are \(parameters.map(\.name).joined(separator: ", "))")
            }
            for (name, _) in selected {
                if let other = owner.updateValue(group.name, forKey: name) {
                    throw EngineError.parameterGroup("parameter '\(name)' is in both '\(other)' and '\(group.name)'; "
                        + "a parameter may have one optimizer only")
                }
            }
            result.append(selected)
        }
        return result
    }
}
