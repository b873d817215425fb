import LoomNN
import LoomTensor

/// A deterministic classification problem every rank builds identically: `count` samples
/// of `features` values in 4 classes (class centres plus noise from a fixed LCG).
struct SyntheticProblem {
    let features: Int
    let classes = 4
    let images: [Float]
    let labels: [Int32]

    init(count: Int, features: Int = 16) {
        self.features = features
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func uniform() -> Float {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Float(state >> 40) / Float(1 << 24)
        }
        var images: [Float] = []
        var labels: [Int32] = []
        for _ in 0..<count {
            let label = Int(uniform() * 4) % 4
            for feature in 0..<features {
                let centre: Float = feature % 4 == label ? 1.5 : 0
                images.append(centre + uniform() * 2 - 1)
            }
            labels.append(Int32(label))
        }
        self.images = images
        self.labels = labels
    }

    var count: Int { labels.count }

    /// Samples at `positions` (wrapping around the data set).
    func batch(_ positions: Range<Int>) -> (images: Tensor, labels: [Int32]) {
        var pixels: [Float] = []
        var batchLabels: [Int32] = []
        for position in positions {
            let index = position % count
            pixels += images[(index * features)..<((index + 1) * features)]
            batchLabels.append(labels[index])
        }
        return (Tensor(shape: [positions.count, features], scalars: pixels), batchLabels)
    }

    /// An MLP for this problem; `seed` sets its initial weights.
    func mlp(seed: UInt64) -> ClassifierModel {
        Zoo.mlp(inputShape: [features], classes: classes, hidden: [32, 32], seed: seed, weightDecay: 1e-4)
    }

    /// Dense–BatchNorm–ReLU–Dense, to check that moving statistics stay identical.
    func batchNormNet(seed: UInt64) -> ClassifierModel {
        var generator = SeededGenerator(seed: seed)
        let network = Sequential([
            ("fc1", Dense(inputSize: features, outputSize: 24, generator: &generator)),
            ("bn1", BatchNorm(features: 24)),
            ("relu1", Activation.relu),
            ("fc", Dense(inputSize: 24, outputSize: classes, generator: &generator)),
        ])
        return ClassifierModel(network: network, inputShape: [features], classes: classes, seed: seed)
    }
}
