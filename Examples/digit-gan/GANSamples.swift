import ExampleSupport
import LoomNN
import LoomTensor
import LoomTraining

/// After every epoch, generates 32 images from fixed noise (the same latent points each
/// epoch, so the grid shows progress), puts them as the TensorBoard image `samples` (a
/// 4×8 grid), and puts `sample_mean_mse`: the MSE between the mean generated image and the
/// mean training image (a collapsed or blank generator scores high; lower is better).
final class GANSamples: Callback {
    private let networks: GANNetworks
    private let meanImage: [Float]
    private let noise: Tensor
    private var context: TrainerContext?

    init(networks: GANNetworks, meanImage: [Float]) {
        self.networks = networks
        self.meanImage = meanImage
        var generator = LoomTensor.SeededGenerator(seed: 2024)
        noise = Tensor(randomNormal: [32, GANNetworks.noiseSize], using: &generator)
    }

    var chiefOnly: Bool { true }
    var producedStats: [String] { ["sample_mean_mse"] }

    func setUp(_ context: TrainerContext) throws { self.context = context }

    func trigger() throws {
        guard let context else { return }
        let images = Self.samples(networks, noise)
        try context.monitors.put(scalar: Self.meanMSE(images, meanImage), name: "sample_mean_mse")
        try context.monitors.put(image: ImageGrid.make(images, height: 28, width: 28, columns: 8), name: "samples")
    }

    /// The generator's images of `noise` (evaluation mode, no gradients), 784 values each.
    static func samples(_ networks: GANNetworks, _ noise: Tensor) -> [[Float]] {
        let evaluation = ForwardContext(isTraining: false, seed: 0)
        let pixels = Tensor.withoutGradients { networks.generator.forward(noise, context: evaluation) }.scalars
        return (0..<noise.shape[0]).map { Array(pixels[($0 * 784)..<(($0 + 1) * 784)]) }
    }

    /// The MSE between the mean of `images` and `meanImage`.
    static func meanMSE(_ images: [[Float]], _ meanImage: [Float]) -> Double {
        var mean = [Float](repeating: 0, count: 784)
        for image in images { for index in 0..<784 { mean[index] += image[index] / Float(images.count) } }
        return zip(mean, meanImage).reduce(0.0) { $0 + Double(($1.0 - $1.1) * ($1.0 - $1.1)) } / 784
    }

    /// `sample_mean_mse` of the generator now (the baseline before training).
    static func meanMSE(_ networks: GANNetworks, _ meanImage: [Float]) -> Double {
        meanMSE(samples(networks, GANSamples(networks: networks, meanImage: meanImage).noise), meanImage)
    }
}
