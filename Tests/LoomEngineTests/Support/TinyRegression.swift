import Foundation
import LoomData
import LoomEngine
import LoomNN
import LoomTensor
import LoomTestSupport
import LoomTraining

/// A small regression problem (3 features → 1 target) and models for `ModelBackend` tests.
enum TinyRegression {
    typealias Flow = BatchData<ShuffleData<ArrayDataFlow>>

    /// `count` samples of `y = x · [1, -2, 0.5] + 0.3`, shuffled per pass, batched.
    static func data(count: Int = 48, batchSize: Int = 8, seed: UInt64 = 5, features: Int = 3) throws -> Flow {
        try BatchData(ShuffleData(samples(count: count, features: features), seed: seed), batchSize: batchSize)
    }

    /// Unbatched samples `[x (features), y (1)]`, drawn with `seed`.
    static func samples(count: Int, features: Int = 3, seed: UInt64 = 11) throws -> ArrayDataFlow {
        var generator = LoomTensor.SeededGenerator(seed: seed)
        let x = Tensor(randomNormal: [count, features], using: &generator).scalars
        let weights: [Float] = [1, -2, 0.5, 0.25]
        var y = [Float](repeating: 0.3, count: count)
        for row in 0..<count {
            for column in 0..<features { y[row] += x[row * features + column] * weights[column % 4] }
        }
        return try ArrayDataFlow(columns: [.floats(shape: [count, features], values: x), .floats(shape: [count, 1], values: y)])
    }

    /// Dense 3→8, ReLU, dropout (so the generator state matters), Dense 8→1.
    static func network(seed: UInt64 = 3, features: Int = 3) -> Sequential {
        var generator = LoomTensor.SeededGenerator(seed: seed)
        return Sequential([("fc1", Dense(inputSize: features, outputSize: 8, generator: &generator)), ("relu", Activation(.relu)),
                           ("drop", Dropout(rate: 0.25)), ("fc", Dense(inputSize: 8, outputSize: 1, generator: &generator))])
    }

    /// Mean squared error, with `mae`, `predictions` and `wrong` (1 where off by more
    /// than 0.5) outputs.
    static func cost(_ model: Model, _ batch: TensorBatch, _ context: CostContext) -> ModelOutputs {
        let prediction = model(batch["x"])
        let target = batch["y"]
        var outputs = ModelOutputs(cost: Loss.meanSquaredError(prediction, target))
        let detached = prediction.detached()
        outputs.scalar("mae") { Loss.meanAbsoluteError(detached, target).scalar }
        outputs.tensor("predictions") { detached }
        outputs.set("wrong") {
            let wrong = zip(detached.scalars, target.scalars).map { abs($0 - $1) > 0.5 ? Float(1) : 0 }
            return .array(shape: [wrong.count], values: wrong)
        }
        return outputs
    }

    static func batch(_ datapoint: Datapoint) throws -> TensorBatch { try TensorBatch(datapoint, names: ["x", "y"]) }

    /// The default-step backend.
    static func backend(seed: UInt64 = 3, dataSeed: UInt64 = 5) throws -> ModelBackend<Flow, TensorBatch> {
        try ModelBackend(model: Model(network(seed: seed), seed: seed), optimizer: .sgd(learningRate: 0.05, momentum: 0.9),
                         data: data(seed: dataSeed), outputs: ["mae", "predictions", "wrong"], movingAverages: ["cost", "mae"],
                         batch: batch, cost: cost)
    }

    /// A deterministic environment writing into `directory`.
    static func environment(_ directory: TemporaryDirectory) -> TrainingEnvironment {
        TrainingEnvironment(clock: ManualClock(now: 100, wallTime: 1_700_000_000), output: MemoryOutputSink(isTerminal: false, columns: 80),
                            root: directory.url)
    }

    /// `stats.json` of `run` in `directory`.
    static func stats(_ directory: TemporaryDirectory, _ run: String = "run") throws -> String {
        try String(contentsOf: directory.url.appendingPathComponent("\(run)/stats.json"), encoding: .utf8)
    }
}
