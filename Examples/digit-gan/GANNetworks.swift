import LoomEngine
import LoomNN
import LoomTensor

/// The generator (noise → 28×28 image in 0…1) and the discriminator (image → one logit) in
/// one layer, so one `Model` holds both: their parameters are named `gen/…` and `disc/…`,
/// and each name prefix gets its own optimizer.
final class GANNetworks: Layer {
    static let noiseSize = 32
    let generator: Sequential
    let discriminator: Sequential

    init(seed: UInt64) {
        var random = LoomTensor.SeededGenerator(seed: seed)
        generator = Sequential([
            ("fc1", Dense(inputSize: Self.noiseSize, outputSize: 256, generator: &random)), ("act1", Activation(.leakyRelu(slope: 0.2))),
            ("fc2", Dense(inputSize: 256, outputSize: 784, generator: &random)), ("act2", Activation(.sigmoid)),
        ])
        discriminator = Sequential([
            ("fc1", Dense(inputSize: 784, outputSize: 256, generator: &random)), ("act1", Activation(.leakyRelu(slope: 0.2))),
            ("fc2", Dense(inputSize: 256, outputSize: 1, generator: &random)),
        ])
    }

    /// The discriminator's logits of `[B, 784]` (or `[B, 1, 28, 28]`) images.
    func forward(_ input: Tensor, context: ForwardContext) -> Tensor {
        discriminator.forward(input.reshaped(to: [input.shape[0], 784]), context: context)
    }

    /// Generated images `[count, 784]` from noise drawn from `generator`.
    func fake(_ count: Int, using generator: inout LoomTensor.SeededGenerator, context: ForwardContext) -> Tensor {
        self.generator.forward(Tensor(randomNormal: [count, Self.noiseSize], using: &generator), context: context)
    }

    func visitState(prefix: String, _ visit: (String, StateEntry) -> Void) {
        generator.visitState(prefix: prefix + "gen/", visit)
        discriminator.visitState(prefix: prefix + "disc/", visit)
    }

    /// The networks of `model`.
    static func of(_ model: Model) throws -> GANNetworks {
        guard let networks = model.network as? GANNetworks else {
            throw EngineError.batchLayout(expected: "a model of GANNetworks", found: "\(type(of: model.network))")
        }
        return networks
    }

    /// The discriminator's cost: real images are 1, generated ones 0 (outputs `d_loss`,
    /// `g_loss`: the generator's cost on the same fakes, `d_accuracy`). Training draws the
    /// noise from the model's generator (part of the checkpoint); validation from a fixed
    /// seed, so its stats do not depend on when it runs.
    static func discriminatorCost(_ model: Model, _ batch: TensorBatch, _ context: CostContext) throws -> ModelOutputs {
        let networks = try of(model)
        let real = batch["image"].reshaped(to: [batch.count, 784])
        var fixed = LoomTensor.SeededGenerator(seed: 99)
        let fakes = context.isTraining ? networks.fake(batch.count, using: &model.context.generator, context: model.context)
            : networks.fake(batch.count, using: &fixed, context: model.context)
        let onReal = networks.forward(real, context: model.context), onFake = networks.forward(fakes.detached(), context: model.context)
        let dLoss = Loss.binaryCrossEntropy(logits: onReal, targets: Tensor(ones: onReal.shape))
            + Loss.binaryCrossEntropy(logits: onFake, targets: Tensor(zeros: onFake.shape))
        var outputs = ModelOutputs(cost: dLoss)
        outputs.scalar("d_loss") { dLoss.scalar }
        outputs.scalar("g_loss") { Loss.binaryCrossEntropy(logits: onFake.detached(), targets: Tensor(ones: onFake.shape)).scalar }
        outputs.scalar("d_accuracy") {
            let right = onReal.scalars.filter { $0 > 0 }.count + onFake.scalars.filter { $0 <= 0 }.count
            return Float(right) / Float(2 * batch.count)
        }
        return outputs
    }
}
