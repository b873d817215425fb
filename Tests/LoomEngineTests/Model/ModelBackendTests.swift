import LoomData
import LoomEngine
import LoomNN
import LoomTensor
import LoomTraining
import Testing

@Suite struct ModelBackendTests {
    @Test func returnsExactlyTheRequestedOutputsAndComputesOnlyThose() throws {
        let backend = try TinyRegression.backend()
        #expect(backend.outputNames == ["cost", "mae", "predictions", "wrong"])
        #expect(backend.movingAverageNames == ["cost", "mae"])
        let outputs = try backend.runStep(StepRequest(fetches: ["mae", "predictions", "mae"]))
        #expect(Set(outputs.values.keys) == ["mae", "predictions"])
        guard case let .array(shape, values) = outputs["predictions"] else { Issue.record("predictions is not an array"); return }
        #expect(shape == [8, 1] && values.count == 8)
        #expect(outputs.scalar("mae").map { $0 > 0 && $0.isFinite } == true)
        #expect(try backend.runStep(StepRequest()).values.isEmpty)

        final class Counter { var calls = 0 }
        let counter = Counter()
        let lazy = try ModelBackend(model: Model(TinyRegression.network()), optimizer: .sgd(learningRate: 0.01),
                                    data: TinyRegression.data(), outputs: ["expensive"], batch: TinyRegression.batch) { model, batch, _ in
            var outputs = TinyRegression.cost(model, batch, CostContext(isTraining: true, requested: []))
            outputs.scalar("expensive") { counter.calls += 1; return 1 }
            return outputs
        }
        _ = try lazy.runStep(StepRequest(fetches: ["cost"]))
        #expect(counter.calls == 0)
        #expect(try lazy.runStep(StepRequest(fetches: ["expensive"])).scalar("expensive") == 1)
        #expect(counter.calls == 1)
    }

    @Test func unknownOutputIsAnErrorBeforeTheStep() throws {
        let backend = try TinyRegression.backend()
        let before = try backend.exportState()
        #expect(throws: EngineError.unknownOutput("loss", known: ["cost", "mae", "predictions", "wrong"])) {
            try backend.runStep(StepRequest(fetches: ["loss"]))
        }
        #expect(try backend.exportState() == before)
        #expect(throws: EngineError.unknownOutput("acc", known: ["cost"])) {
            try ModelBackend(model: Model(TinyRegression.network()), optimizer: .sgd(learningRate: 0.1), data: TinyRegression.data(),
                             movingAverages: ["acc"], batch: TinyRegression.batch, cost: TinyRegression.cost)
        }
    }

    @Test func declaredOutputTheCostNeverProducesNamesWhatItProduces() throws {
        let backend = try ModelBackend(model: Model(TinyRegression.network()), optimizer: .sgd(learningRate: 0.1),
                                       data: TinyRegression.data(), outputs: ["mae", "accuracy"], batch: TinyRegression.batch,
                                       cost: TinyRegression.cost)
        #expect(throws: EngineError.missingOutput("accuracy", produced: ["cost", "mae", "predictions", "wrong"])) {
            try backend.runStep(StepRequest(fetches: ["cost", "accuracy"]))
        }
        #expect(EngineError.missingOutput("accuracy", produced: ["cost", "mae"]).description
            == "the cost function did not produce the requested output 'accuracy'; it produces: cost, mae "
            + "(set it in the ModelOutputs it returns, or stop requesting it)")
    }

    @Test func nonScalarOrNonFiniteCostIsAnErrorAtTheFirstStep() throws {
        func backend(_ cost: @escaping (Tensor, Tensor) -> Tensor) throws -> ModelBackend<TinyRegression.Flow, TensorBatch> {
            try ModelBackend(model: Model(TinyRegression.network()), optimizer: .sgd(learningRate: 0.1), data: TinyRegression.data(),
                             batch: TinyRegression.batch) { model, batch, _ in ModelOutputs(cost: cost(model(batch["x"]), batch["y"])) }
        }
        let perSample = try backend { prediction, target in (prediction + target * -1) * (prediction + target * -1) }
        let before = try perSample.exportState()
        #expect(throws: EngineError.badCost("has shape [8, 1] (8 values); a cost must be one number: reduce it with mean() or sum()")) {
            try perSample.runStep(StepRequest())
        }
        #expect(try perSample.exportState() == before)
        let infinite = try backend { prediction, _ in prediction.sum() * Float.infinity }
        #expect(throws: EngineError.badCost("is inf at the first step; check the inputs, the initial weights and the cost's formula "
                                            + "(a log of 0, a division by 0)")) {
            try infinite.runStep(StepRequest())
        }
        #expect(EngineError.badCost("is nan").description == "the cost function's 'cost' is nan")
    }

    @Test func batchesThatChangeSampleShapeAreAnError() throws {
        let flow = ConcatData([try TinyRegression.data(count: 8, features: 3), try TinyRegression.data(count: 8, features: 4)])
        let fixed = try ModelBackend(model: Model(TinyRegression.network()), optimizer: .sgd(learningRate: 0.1), data: flow,
                                     batch: TinyRegression.batch, cost: TinyRegression.cost)
        _ = try fixed.runStep(StepRequest())
        #expect(throws: EngineError.batchShapeChanged(component: 0, first: [3], found: [4])) { try fixed.runStep(StepRequest()) }
        let variable = try ModelBackend(model: Model(TinyRegression.network()), optimizer: .sgd(learningRate: 0.1), data: flow,
                                        sampleShapes: .variable, batch: TinyRegression.batch, cost: TinyRegression.cost)
        _ = try variable.nextBatch()
        #expect(try variable.nextBatch()["x"].shape == [8, 4])
    }

    @Test func parameterGroupsMustSelectParametersOnce() throws {
        func make(_ groups: [OptimizerGroup]) throws {
            _ = try ModelBackend(model: Model(TinyRegression.network()), optimizers: groups, data: TinyRegression.data(),
                                 batch: TinyRegression.batch, cost: TinyRegression.cost)
        }
        #expect(throws: EngineError.parameterGroup("group 'head' (names starting with 'head/') selects no parameter; the model's "
                                                   + "parameters are fc1/W, fc1/b, fc/W, fc/b")) {
            try make([OptimizerGroup("body", .sgd(learningRate: 0.1), prefixes: ["fc1/"]),
                      OptimizerGroup("head", .sgd(learningRate: 0.1), prefixes: ["head/"])])
        }
        #expect(throws: EngineError.parameterGroup("parameter 'fc1/W' is in both 'all' and 'body'; a parameter may have one optimizer only")) {
            try make([OptimizerGroup("all", .sgd(learningRate: 0.1)) { _ in true },
                      OptimizerGroup("body", .sgd(learningRate: 0.1), prefixes: ["fc1/"])])
        }
        #expect(throws: EngineError.parameterGroup("give at least one optimizer group")) { try make([]) }
    }

    @Test func exportImportRoundTripGivesIdenticalNextSteps() throws {
        let first = try TinyRegression.backend()
        for _ in 0..<3 { _ = try first.runStep(StepRequest()) }
        let state = try first.exportState()
        #expect(state.map(\.name) == ["fc1/W", "fc1/b", "fc/W", "fc/b", "optimizer/step", "optimizer/fc1/W/velocity",
                                      "optimizer/fc1/b/velocity", "optimizer/fc/W/velocity", "optimizer/fc/b/velocity"])
        let second = try TinyRegression.backend(seed: 99, dataSeed: 6)
        try second.importState(state)
        try second.importResumeState(try first.exportResumeState())
        #expect(try second.exportState() == state)
        let request = StepRequest(fetches: ["cost", "predictions"])
        for _ in 0..<8 { #expect(try first.runStep(request).values == (try second.runStep(request).values)) }
        #expect(try first.exportState() == (try second.exportState()))
        #expect(throws: EngineError.self) { try second.importState(state.filter { $0.name != "fc/b" }) }
    }

    @Test func groupsHaveTheirOwnHyperparametersAndOptimizerState() throws {
        let gan = try TinyGAN.backend()
        #expect(gan.hyperparameterNames.prefix(2) == ["discriminator/learning_rate", "discriminator/beta1"])
        try gan.setHyperparameter("generator/learning_rate", to: 0.01)
        #expect(try gan.groups[1].optimizer.hyperparameter("learning_rate") == 0.01)
        #expect(try gan.hyperparameter("discriminator/learning_rate") == 0.05)
        #expect(throws: EngineError.self) { try gan.hyperparameter("learning_rate") }
        _ = try gan.runStep(StepRequest(fetches: ["d_loss", "g_loss"]))
        let names = try gan.exportState().map(\.name)
        #expect(names.contains("optimizer/discriminator/step") && names.contains("optimizer/generator/gen/fc1/W/m"))
        #expect(!names.contains { $0.hasPrefix("optimizer/generator/disc/") })
        var stray = try gan.exportState()
        stray.append(NamedArray(name: "optimizer/critic/step", shape: [], values: [1]))
        #expect(throws: EngineError.state("'optimizer/critic/step' belongs to no optimizer group (the groups are discriminator, generator)")) {
            try gan.importState(stray)
        }
        #expect(throws: EngineError.parameterGroup("no group named 'critic'; the groups are discriminator, generator")) {
            try gan.update("critic")
        }
    }
}

@Suite struct ModelBackendCustomStepTests {
    private static func network() -> Sequential {
        var generator = LoomTensor.SeededGenerator(seed: 8)
        return Sequential([("fc1", Dense(inputSize: 3, outputSize: 8, generator: &generator)), ("relu", Activation(.relu)),
                           ("fc", Dense(inputSize: 8, outputSize: 1, generator: &generator))])
    }

    @Test func gradientAccumulationOverMicroBatchesMatchesOneLargeBatch() throws {
        let large = try ModelBackend(model: Model(Self.network()), optimizer: .sgd(learningRate: 0.1), data: TinyRegression.data(batchSize: 8),
                                     batch: TinyRegression.batch, cost: TinyRegression.cost)
        let accumulated = try ModelBackend(
            model: Model(Self.network()), optimizers: [.all(.sgd(learningRate: 0.1))], data: TinyRegression.data(batchSize: 4),
            batch: TinyRegression.batch, cost: TinyRegression.cost,
            step: { backend, first, context in
                backend.zeroGradients()
                var total: Float = 0
                for micro in 0..<2 {
                    let outputs = try backend.computeCost(micro == 0 ? first : try backend.nextBatch(), context)
                    (outputs.cost * 0.5).backward()
                    total += outputs.cost.scalar / 2
                }
                try backend.update("model")
                return ModelOutputs(cost: Tensor(total))
            })
        for _ in 0..<5 {
            let a = try large.runStep(StepRequest(fetches: ["cost"])).scalar("cost") ?? .nan
            let b = try accumulated.runStep(StepRequest(fetches: ["cost"])).scalar("cost") ?? .nan
            #expect(abs(a - b) < 1e-5)
        }
        #expect(accumulated.cursor.position.indexInEpoch == large.cursor.position.indexInEpoch * 2)
        for (x, y) in zip(try large.exportState(), try accumulated.exportState()) where x.name != "optimizer/step" {
            #expect(x.name == y.name)
            #expect(zip(x.values, y.values).allSatisfy { abs($0 - $1) < 1e-5 }, "\(x.name) differs")
        }
    }
}
