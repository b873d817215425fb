import LoomTensor

/// Builders of standard classifiers that adapt to the input shape and class count.
///
/// State names (exact):
/// - `logisticRegression`: `fc/W`, `fc/b`.
/// - `mlp`: `fc1/W`, `fc1/b`, `fc2/W`, `fc2/b` (one pair per hidden layer), `fc/W`, `fc/b`.
/// - `lenet` and `cnn`: `conv1/W`, `conv1/b`, `conv2/W`, `conv2/b`, `fc1/W`, `fc1/b`, `fc/W`, `fc/b`.
/// - `resnet20`: `conv0/W`, `bn0/{gamma,beta,mean/EMA,variance/EMA}`, then for stage s in
///   1...3 and block b in 1...3 `stage<s>/block<b>/conv1/W`, `…/bn1/…`, `…/conv2/W`,
///   `…/bn2/…`, plus `stage<s>/block1/shortcut/conv/W` and `…/shortcut/bn/…` in stages 2
///   and 3; then `fc/W`, `fc/b`.
public enum Zoo {
    /// Softmax regression: flatten, one dense layer.
    /// - Parameters:
    ///   - inputShape: One sample's shape (any rank).
    ///   - classes: The class count.
    ///   - seed: Seeds the weights and the dropout generator.
    ///   - weightDecay: The L2 factor on `/W` names.
    /// - Returns: The classifier.
    public static func logisticRegression(inputShape: [Int], classes: Int, seed: UInt64 = 0, weightDecay: Float = 0) -> ClassifierModel {
        var generator = SeededGenerator(seed: seed)
        let network = Sequential([
            ("flatten", Flatten()),
            ("fc", Dense(inputSize: inputShape.reduce(1, *), outputSize: classes, generator: &generator)),
        ])
        return ClassifierModel(network: network, inputShape: inputShape, classes: classes, seed: seed &+ 1, weightDecay: weightDecay)
    }

    /// A multi-layer perceptron: flatten, hidden dense layers with ReLU, a dense output.
    /// - Parameters:
    ///   - inputShape: One sample's shape (any rank).
    ///   - classes: The class count.
    ///   - hidden: The hidden layer widths (default 256, 256).
    ///   - seed: Seeds the weights and the dropout generator.
    ///   - weightDecay: The L2 factor on `/W` names.
    /// - Returns: The classifier.
    public static func mlp(inputShape: [Int], classes: Int, hidden: [Int] = [256, 256], seed: UInt64 = 0,
                           weightDecay: Float = 0) -> ClassifierModel {
        var generator = SeededGenerator(seed: seed)
        let network = Sequential([("flatten", Flatten())])
        var width = inputShape.reduce(1, *)
        for (index, size) in hidden.enumerated() {
            network.append("fc\(index + 1)", Dense(inputSize: width, outputSize: size, initializer: .heNormal, generator: &generator))
            network.append("relu\(index + 1)", Activation.relu)
            width = size
        }
        network.append("fc", Dense(inputSize: width, outputSize: classes, generator: &generator))
        return ClassifierModel(network: network, inputShape: inputShape, classes: classes, seed: seed &+ 1, weightDecay: weightDecay)
    }

    /// LeNet: conv(5×5, same)–ReLU–maxpool(2)–conv(5×5, same)–ReLU–maxpool(2)–dense–ReLU–dense
    /// (each ReLU runs after its pooling: see `twoConvolutions`).
    /// - Parameters:
    ///   - inputShape: `[C, H, W]` with H, W ≥ 4.
    ///   - classes: The class count.
    ///   - channels: The two convolutions' filter counts (default 20, 50).
    ///   - hidden: The hidden dense width (default 500).
    ///   - seed: Seeds the weights and the dropout generator.
    ///   - weightDecay: The L2 factor on `/W` names.
    /// - Returns: The classifier.
    /// - Throws: ``ZooError`` when the input is not `[C, H, W]` with H, W ≥ 4.
    public static func lenet(inputShape: [Int], classes: Int, channels: (Int, Int) = (20, 50), hidden: Int = 500,
                             seed: UInt64 = 0, weightDecay: Float = 0) throws(ZooError) -> ClassifierModel {
        guard inputShape.count == 3, inputShape[1] >= 4, inputShape[2] >= 4 else {
            throw .unsupportedInput(model: "lenet", shape: inputShape, reason: "it needs [C, H, W] images of at least 4x4")
        }
        return twoConvolutions(inputShape: inputShape, classes: classes, channels: channels, hidden: hidden, padding: .same,
                               seed: seed, weightDecay: weightDecay)
    }

    /// The small digit CNN most frameworks' MNIST examples train: conv(5×5, valid, 32)–ReLU–
    /// maxpool(2)–conv(5×5, valid, 64)–ReLU–maxpool(2)–dense(128)–ReLU–dense (each ReLU runs
    /// after its pooling: see `twoConvolutions`). On 28×28 digits
    /// the feature maps are 24, 12, 8 and 4 pixels wide. Same state names as ``lenet(inputShape:classes:channels:hidden:seed:weightDecay:)``.
    /// - Parameters:
    ///   - inputShape: `[C, H, W]` with H, W ≥ 16.
    ///   - classes: The class count.
    ///   - seed: Seeds the weights and the dropout generator.
    ///   - weightDecay: The L2 factor on `/W` names.
    /// - Returns: The classifier.
    /// - Throws: ``ZooError`` when the input is not `[C, H, W]` with H, W ≥ 16.
    public static func cnn(inputShape: [Int], classes: Int, seed: UInt64 = 0, weightDecay: Float = 0) throws(ZooError) -> ClassifierModel {
        guard inputShape.count == 3, inputShape[1] >= 16, inputShape[2] >= 16 else {
            throw .unsupportedInput(model: "cnn", shape: inputShape, reason: "it needs [C, H, W] images of at least 16x16")
        }
        return twoConvolutions(inputShape: inputShape, classes: classes, channels: (32, 64), hidden: 128, padding: .valid,
                               seed: seed, weightDecay: weightDecay)
    }

    /// conv(5×5)–ReLU–maxpool(2), twice, then dense–ReLU–dense; `inputShape` already checked.
    ///
    /// Each ReLU is applied after its max pooling, to a quarter of the values: the outputs
    /// and gradients are exactly those of ReLU then pooling (ReLU keeps the order of the
    /// values, so a window's maximum, and the position that wins it, are the same either
    /// way; where the maximum is not positive both give 0 and a zero gradient). Measured on
    /// the digit CNN (`loom-bench engine`, one thread): 10,000 validation images 0.55–0.58 s
    /// before, 0.51 after.
    private static func twoConvolutions(inputShape: [Int], classes: Int, channels: (Int, Int), hidden: Int, padding: Padding2D,
                                        seed: UInt64, weightDecay: Float) -> ClassifierModel {
        var generator = SeededGenerator(seed: seed)
        let shrink = padding == .valid ? 4 : 0
        let height = ((inputShape[1] - shrink) / 2 - shrink) / 2, width = ((inputShape[2] - shrink) / 2 - shrink) / 2
        let network = Sequential([
            ("conv1", Conv2D(inputChannels: inputShape[0], outputChannels: channels.0, kernelSize: (5, 5), padding: padding, generator: &generator)),
            ("pool1", Pooling.max(size: (2, 2))),
            ("relu1", Activation.relu),
            ("conv2", Conv2D(inputChannels: channels.0, outputChannels: channels.1, kernelSize: (5, 5), padding: padding, generator: &generator)),
            ("pool2", Pooling.max(size: (2, 2))),
            ("relu2", Activation.relu),
            ("flatten", Flatten()),
            ("fc1", Dense(inputSize: channels.1 * height * width, outputSize: hidden, initializer: .heNormal, generator: &generator)),
            ("relu3", Activation.relu),
            ("fc", Dense(inputSize: hidden, outputSize: classes, generator: &generator)),
        ])
        return ClassifierModel(network: network, inputShape: inputShape, classes: classes, seed: seed &+ 1, weightDecay: weightDecay)
    }

    /// The CIFAR ResNet-20: conv(3×3)–BN–ReLU, 3 stages × `blocks` basic blocks (the first
    /// block of stages 2 and 3 halves the resolution with a projection shortcut), global
    /// average pooling, dense.
    /// - Parameters:
    ///   - inputShape: `[C, H, W]` with H, W ≥ 4.
    ///   - classes: The class count.
    ///   - widths: The three stages' channel counts (default 16, 32, 64).
    ///   - blocks: Basic blocks per stage (default 3, giving 20 layers).
    ///   - seed: Seeds the weights and the dropout generator.
    ///   - weightDecay: The L2 factor on `/W` names.
    /// - Returns: The classifier.
    /// - Throws: ``ZooError`` when the input is not `[C, H, W]` with H, W ≥ 4.
    public static func resnet20(inputShape: [Int], classes: Int, widths: [Int] = [16, 32, 64], blocks: Int = 3,
                                seed: UInt64 = 0, weightDecay: Float = 0) throws(ZooError) -> ClassifierModel {
        guard inputShape.count == 3, inputShape[1] >= 4, inputShape[2] >= 4 else {
            throw .unsupportedInput(model: "resnet20", shape: inputShape, reason: "it needs [C, H, W] images of at least 4x4")
        }
        guard widths.count == 3, widths.allSatisfy({ $0 > 0 }), blocks > 0 else {
            throw .unsupportedInput(model: "resnet20", shape: inputShape, reason: "it needs 3 positive stage widths and at least 1 block")
        }
        var generator = SeededGenerator(seed: seed)
        let network = Sequential([
            ("conv0", Conv2D(inputChannels: inputShape[0], outputChannels: widths[0], kernelSize: (3, 3), useBias: false, generator: &generator)),
            ("bn0", BatchNorm(features: widths[0])),
            ("relu0", Activation.relu),
        ])
        var channels = widths[0]
        for (stage, width) in widths.enumerated() {
            let blocksOfStage = Sequential()
            for block in 0..<blocks {
                let stride = stage > 0 && block == 0 ? 2 : 1
                blocksOfStage.append("block\(block + 1)", ResidualBlock(inputChannels: channels, outputChannels: width, stride: stride, generator: &generator))
                channels = width
            }
            network.append("stage\(stage + 1)", blocksOfStage)
        }
        network.append("gap", GlobalAvgPool())
        network.append("fc", Dense(inputSize: channels, outputSize: classes, generator: &generator))
        return ClassifierModel(network: network, inputShape: inputShape, classes: classes, seed: seed &+ 1, weightDecay: weightDecay)
    }
}
