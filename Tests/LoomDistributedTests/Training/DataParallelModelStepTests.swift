import LoomData
import LoomDistributed
import LoomEngine
import LoomNN
import LoomTensor
import LoomTraining
import Testing

@Suite struct DataParallelModelStepTests {
    /// 12 rows of 3 features and a target, batches of 4.
    private func data() throws -> BatchData<ArrayDataFlow> {
        let rows = (0..<12).flatMap { row -> [Float] in
            let x = [Float(row % 3), Float(row % 4) / 2, Float(row) / 12]
            return x + [x[0] - 2 * x[1] + x[2]]
        }
        return try BatchData(try ArrayDataFlow(columns: [.floats(shape: [12, 4], values: rows)]), batchSize: 4)
    }

    private func network(_ seed: UInt64, buffers: Bool = false) -> Sequential {
        var generator = LoomTensor.SeededGenerator(seed: seed)
        var layers: [(String, any Layer)] = [("fc1", Dense(inputSize: 3, outputSize: 5, generator: &generator)), ("act", Activation(.tanh))]
        if buffers { layers.append(("bn", BatchNorm(features: 5))) }
        layers.append(("fc2", Dense(inputSize: 5, outputSize: 1, generator: &generator)))
        return Sequential(layers)
    }

    private static func cost(_ model: Model, _ batch: TensorBatch, _ context: CostContext) -> ModelOutputs {
        let rows = batch["rows"], count = batch.count
        let parts = rows.split(sizes: [3, 1], alongAxis: 1)
        let prediction = model(parts[0])
        let cost = Loss.meanSquaredError(prediction, parts[1])
        var outputs = ModelOutputs(cost: cost)
        outputs.scalar("mae") { Loss.meanAbsoluteError(prediction.detached(), parts[1]).scalar }
        outputs.scalar("rows") { Float(count) }
        outputs.tensor("prediction") { prediction.detached() }
        return outputs
    }

    private func backend(seed: UInt64, step: DataParallelModelStep?, buffers: Bool = false) throws
        -> ModelBackend<BatchData<ArrayDataFlow>, TensorBatch> {
        let model = Model(network(seed, buffers: buffers), seed: seed)
        try step?.synchronize(model)
        let groups = [OptimizerGroup("first", .adam(learningRate: 0.05), prefixes: ["fc1/"]),
                      OptimizerGroup("second", .sgd(learningRate: 0.1, momentum: 0.9), prefixes: ["fc2/"])]
        return try ModelBackend(model: model, optimizers: groups, data: try data(), outputs: ["mae", "rows", "prediction"],
                                batch: { try TensorBatch($0, names: ["rows"]) }, cost: Self.cost,
                                step: step.map { parallel in { try parallel.step($0, $1, $2) } })
    }

    @Test func oneProcessStepEqualsTheDefaultStepBitForBit() throws {
        let plain = try backend(seed: 3, step: nil)
        let parallel = try backend(seed: 3, step: DataParallelModelStep(communicator: SingleProcessCommunicator(), bucketMegabytes: 0.00002))
        let request = StepRequest(fetches: ["cost", "mae", "rows"])
        for _ in 0..<5 {
            let expected = try plain.runStep(request), found = try parallel.runStep(request)
            // The averaged cost travels as a Float, as the scalar outputs do.
            #expect(found.scalar("cost") == expected.scalar("cost").map { Double(Float($0)) })
            #expect(found.scalar("mae") == expected.scalar("mae"))
            #expect(found.scalar("rows") == 4)
        }
        #expect(try parallel.exportState() == plain.exportState())
    }

    /// A vector output is this rank's own, copied when requested (and not averaged).
    @Test func vectorOutputsAreThisRanksWhenRequested() throws {
        let plain = try backend(seed: 4, step: nil)
        let parallel = try backend(seed: 4, step: DataParallelModelStep(communicator: SingleProcessCommunicator()))
        #expect(try parallel.runStep(StepRequest(fetches: ["cost"])).values.keys.sorted() == ["cost"])
        _ = try plain.runStep(StepRequest(fetches: ["cost"]))
        let expected = try plain.runStep(StepRequest(fetches: ["prediction", "mae"]))
        let found = try parallel.runStep(StepRequest(fetches: ["prediction", "mae"]))
        guard case let .array(shape, _)? = found["prediction"] else { Issue.record("no prediction vector"); return }
        #expect(shape == [4, 1])
        #expect(found["prediction"] == expected["prediction"])
        #expect(found.values.keys.sorted() == ["mae", "prediction"])
    }

    /// BatchNorm statistics: the update ops run (or are discarded) as the request says, as
    /// in the default step, so one process matches it bit for bit, buffers included.
    @Test func modelsWithBuffersMatchTheDefaultStep() throws {
        let plain = try backend(seed: 5, step: nil, buffers: true)
        let parallel = try backend(seed: 5, step: DataParallelModelStep(communicator: SingleProcessCommunicator()), buffers: true)
        let fresh = plain.model.namedBuffers().map { $0.buffer.value.scalars }
        for step in 0..<4 {
            let request = StepRequest(fetches: ["cost"], runUpdateOps: step % 2 == 1)
            _ = try plain.runStep(request)
            _ = try parallel.runStep(request)
            if step == 0 { #expect(parallel.model.namedBuffers().map { $0.buffer.value.scalars } == fresh) }
        }
        #expect(plain.model.namedBuffers().map { $0.buffer.value.scalars } != fresh)
        #expect(try parallel.exportState() == plain.exportState())
    }
}
