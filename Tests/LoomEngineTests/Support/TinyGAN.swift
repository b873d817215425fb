import LoomData
import LoomEngine
import LoomNN
import LoomTensor

/// A tiny GAN on the regression targets: a generator (noise 2 → 1) and a discriminator
/// (1 → 1 logit), trained by a custom step with one optimizer each (tensorpack's GANTrainer).
enum TinyGAN {
    final class Networks {
        let generator: Sequential
        let discriminator: Sequential
        let root: Sequential

        init(seed: UInt64) {
            var random = LoomTensor.SeededGenerator(seed: seed)
            generator = Sequential([("fc1", Dense(inputSize: 2, outputSize: 4, generator: &random)), ("act", Activation(.tanh)),
                                    ("fc2", Dense(inputSize: 4, outputSize: 1, generator: &random))])
            discriminator = Sequential([("fc1", Dense(inputSize: 1, outputSize: 4, generator: &random)), ("act", Activation(.tanh)),
                                        ("fc2", Dense(inputSize: 4, outputSize: 1, generator: &random))])
            root = Sequential([("gen", generator), ("disc", discriminator)])
        }
    }

    static func groups(_ learningRate: Double = 0.05) -> [OptimizerGroup] {
        [OptimizerGroup("discriminator", .adam(learningRate: learningRate), prefixes: ["disc/"]),
         OptimizerGroup("generator", .adam(learningRate: learningRate), prefixes: ["gen/"])]
    }

    /// The discriminator's cost on real targets and generated samples (noise drawn from the
    /// model's generator, so it is part of the resume state); outputs `d_loss`, `g_loss`.
    static func backend(seed: UInt64 = 4) throws -> ModelBackend<TinyRegression.Flow, TensorBatch> {
        let networks = Networks(seed: seed)
        let model = Model(networks.root, seed: seed)
        func fake(_ count: Int) -> Tensor {
            networks.generator.forward(Tensor(randomNormal: [count, 2], using: &model.context.generator), context: model.context)
        }
        return try ModelBackend(
            model: model, optimizers: groups(), data: TinyRegression.data(), outputs: ["d_loss", "g_loss"],
            movingAverages: ["d_loss", "g_loss"], batch: TinyRegression.batch,
            cost: { model, batch, _ in
                let real = batch["y"]
                let onReal = networks.discriminator.forward(real, context: model.context)
                let onFake = networks.discriminator.forward(fake(batch.count).detached(), context: model.context)
                let cost = Loss.binaryCrossEntropy(logits: onReal, targets: Tensor(ones: onReal.shape))
                    + Loss.binaryCrossEntropy(logits: onFake, targets: Tensor(zeros: onFake.shape))
                return ModelOutputs(cost: cost)
            },
            step: { backend, batch, context in
                backend.zeroGradients()
                let discriminator = try backend.computeCost(batch, context)
                discriminator.cost.backward()
                try backend.update("discriminator")
                backend.zeroGradients()
                let generated = networks.discriminator.forward(fake(batch.count), context: model.context)
                let generatorCost = Loss.binaryCrossEntropy(logits: generated, targets: Tensor(ones: generated.shape))
                generatorCost.backward()
                try backend.update("generator")
                let dLoss = discriminator.cost.scalar, gLoss = generatorCost.scalar
                var outputs = ModelOutputs(cost: Tensor(dLoss + gLoss))
                outputs.scalar("d_loss") { dLoss }
                outputs.scalar("g_loss") { gLoss }
                return outputs
            })
    }
}
