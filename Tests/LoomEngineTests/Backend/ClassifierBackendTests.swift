import LoomData
import LoomEngine
import LoomNN
import LoomTensor
import LoomTraining
import Testing

@Suite struct ClassifierBackendTests {
    private func backend(model: ClassifierModel? = nil, dataSeed: UInt64 = 7) throws -> ClassifierBackend<BatchData<ShuffleData<SyntheticDigits>>> {
        try ClassifierBackend(classifier: model ?? TinyDigits.mlp(), optimizer: .sgd(learningRate: 0.1, momentum: 0.9),
                              data: TinyDigits.batches(seed: dataSeed))
    }

    @Test func returnsExactlyTheRequestedOutputs() throws {
        let backend = try backend()
        let outputs = try backend.runStep(StepRequest(fetches: ["cost", "wrong-top1", "cost"]))
        #expect(Set(outputs.values.keys) == ["cost", "wrong-top1"])
        #expect(outputs.summaries.isEmpty)
        guard case let .array(shape, values) = outputs["wrong-top1"] else { Issue.record("wrong-top1 is not an array"); return }
        #expect(shape == [16])
        #expect(values.allSatisfy { $0 == 0 || $0 == 1 })
        #expect(outputs.scalar("cost").map { $0 > 0 && $0.isFinite } == true)
        #expect(try backend.runStep(StepRequest()).values.isEmpty)
        #expect(backend.outputNames == ["cost", "cross_entropy_loss", "regularize_cost", "train-error-top1", "train-error-top5",
                                         "wrong-top1", "wrong-top5"])
        #expect(backend.movingAverageNames == ["cost", "cross_entropy_loss", "train-error-top1"])
    }

    /// Each output fetched alone (which computes only its own error vector) equals the same
    /// output of a step that fetches everything.
    @Test(arguments: ClassifierOutputs.outputNames)
    func eachOutputAloneEqualsTheFullStep(name: String) throws {
        let full = try backend(), alone = try backend()
        for _ in 0..<2 {
            let all = try full.runStep(StepRequest(fetches: ClassifierOutputs.outputNames))
            let one = try alone.runStep(StepRequest(fetches: [name]))
            #expect(Array(one.values.keys) == [name])
            #expect(all.values[name] != nil && one.values[name] == all.values[name])
        }
    }

    /// LoomTraining names the optimizers' hyperparameters without seeing LoomNN: the lists agree.
    @Test func wellKnownHyperParamsAreTheOptimizerHyperparameters() {
        #expect(HyperParam.wellKnownNames == OptimizerHyperparameter.allCases.map(\.rawValue))
        #expect(HyperParam.learningRate.name == OptimizerHyperparameter.learningRate.rawValue)
    }

    @Test func unknownOutputIsAnErrorBeforeTheStep() throws {
        let backend = try backend()
        let before = try backend.exportState()
        #expect(throws: EngineError.unknownOutput("loss", known: ClassifierOutputs.outputNames)) {
            try backend.runStep(StepRequest(fetches: ["loss"]))
        }
        #expect(try backend.exportState() == before)
    }

    @Test func summariesOnlyWhenAsked() throws {
        let backend = try backend()
        #expect(try backend.runStep(StepRequest(fetches: ["cost"])).summaries.isEmpty)
        let summaries = try backend.runStep(StepRequest(summaries: true)).summaries
        #expect(summaries.map(\.name) == backend.summaryNames)
        #expect(backend.summaryNames == ["fc1/W", "fc1/W/norm", "fc1/b", "fc1/b/norm", "fc/W", "fc/W/norm", "fc/b", "fc/b/norm"])
        let weights = backend.classifier.model.namedParameters()[0].parameter.value.scalars
        guard case let .histogram(_, histogram) = summaries[0], case let .scalar(_, norm) = summaries[1] else {
            Issue.record("expected a histogram then a scalar"); return
        }
        // The histogram is counted when first read (off the training thread, in a run).
        #expect(histogram.isDeferred)
        #expect(histogram == Histogram(values: weights))
        let exactNorm = weights.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot()
        #expect(abs(norm - exactNorm) <= 1e-6 * exactNorm)
    }

    @Test func updateOpsRunOnlyWhenAsked() throws {
        let backend = try backend(model: TinyDigits.resnet())
        func runningMean() -> [Float] {
            backend.classifier.model.namedBuffers().first { $0.name == "bn0/mean/EMA" }?.buffer.value.scalars ?? []
        }
        let initial = runningMean()
        #expect(initial == [0, 0, 0, 0])
        _ = try backend.runStep(StepRequest(fetches: ["cost"]))
        #expect(runningMean() == initial)
        #expect(backend.classifier.model.pendingUpdateCount == 0)
        _ = try backend.runStep(StepRequest(runUpdateOps: true))
        #expect(runningMean() != initial)
        #expect(backend.classifier.model.pendingUpdateCount == 0)
    }

    @Test func hyperparametersReachTheOptimizer() throws {
        let backend = try backend()
        #expect(backend.hyperparameterNames == ["learning_rate", "momentum", "weight_decay", "clip_norm"])
        #expect(try backend.hyperparameter("learning_rate") == 0.1)
        try backend.setHyperparameter("learning_rate", to: 0.025)
        #expect(try backend.optimizer.hyperparameter("learning_rate") == 0.025)
        #expect(throws: EngineError.self) { try backend.setHyperparameter("lr", to: 1) }
        #expect(throws: EngineError.self) { try backend.setHyperparameter("momentum", to: -1) }
    }

    /// Exports reuse the previous export's arrays only once nothing holds them: a snapshot
    /// a checkpoint writer still holds keeps its values through later steps and exports.
    @Test func anExportStillHeldIsNeverOverwrittenByTheNext() throws {
        let backend = try backend()
        _ = try backend.runStep(StepRequest())
        let held = try backend.exportState()
        let heldCopy = held.map { NamedArray(name: $0.name, shape: $0.shape, values: $0.values.map { $0 }) }
        _ = try backend.runStep(StepRequest())
        let next = try backend.exportState()
        #expect(held == heldCopy)
        #expect(next != held)
        // Released, its storage takes the following export; the values are the current state.
        // (`optimizer/step` is a new one-element array each time.)
        let addresses = { (arrays: [NamedArray]) in
            arrays.filter { !$0.name.hasSuffix("step") }.map { $0.values.withUnsafeBufferPointer { UInt(bitPattern: $0.baseAddress) } }
        }
        let nextAddresses = addresses(next)
        let nextCopy = next.map { NamedArray(name: $0.name, shape: $0.shape, values: $0.values.map { $0 }) }
        _ = consume next
        _ = try backend.runStep(StepRequest())
        let reused = try backend.exportState()
        #expect(addresses(reused) == nextAddresses)
        #expect(reused != nextCopy)
        let fresh = try self.backend()
        try fresh.importState(reused)
        #expect(try fresh.exportState() == reused)
    }

    @Test func exportImportRoundTripGivesIdenticalNextSteps() throws {
        let first = try backend()
        for _ in 0..<3 { _ = try first.runStep(StepRequest()) }
        let state = try first.exportState()
        #expect(state.map(\.name).prefix(5) == ["fc1/W", "fc1/b", "fc/W", "fc/b", "optimizer/step"])
        #expect(state.contains { $0.name == "optimizer/fc1/W/velocity" })
        let second = try backend(model: TinyDigits.mlp(seed: 99))
        try second.importState(state)
        try second.importResumeState(try first.exportResumeState())
        #expect(try second.exportState() == state)
        let request = StepRequest(fetches: ["cost", "wrong-top5"])
        for _ in 0..<3 {
            #expect(try first.runStep(request).values == (try second.runStep(request).values))
        }
        #expect(try first.exportState() == (try second.exportState()))
    }

    @Test func importNamesWhatIsMissingAndChangesNothing() throws {
        let backend = try backend()
        let before = try backend.exportState()
        let partial = before.filter { $0.name != "fc/b" }
        do {
            try backend.importState(partial)
            Issue.record("import of a partial state succeeded")
        } catch let error as EngineError {
            #expect(error.description.contains("fc/b"))
        }
        var badOptimizer = before
        badOptimizer.removeAll { $0.name == "optimizer/step" }
        badOptimizer = badOptimizer.map { $0.name.hasPrefix("fc") ? NamedArray(name: $0.name, shape: $0.shape, values: $0.values.map { $0 + 1 }) : $0 }
        #expect(throws: EngineError.self) { try backend.importState(badOptimizer) }
        #expect(try backend.exportState() == before)
    }

    @Test func resumeStateRoundTripGivesIdenticalNextBatches() throws {
        let first = try backend()
        for _ in 0..<15 { _ = try first.nextBatch() }  // crosses the end of the 12-batch pass
        let saved = try first.exportResumeState()
        let second = try backend()
        try second.importResumeState(saved)
        for _ in 0..<14 {
            let (a, b) = (try first.nextBatch(), try second.nextBatch())
            #expect(a.images.scalars == b.images.scalars)
            #expect(a.labels == b.labels)
        }
        #expect(try second.exportResumeState() == (try first.exportResumeState()))
        #expect(throws: EngineError.self) { try second.importResumeState(BackendResumeState(dataPosition: .string("{}"), rng: .string("[]"))) }
    }
}
