import LoomNN

/// How to build one of the zoo's classifiers for a data set: the architecture plus the
/// rule that maps the data's sample shape to the model's input shape.
///
/// A recipe builds architecture-equal models on demand, which is how inference replicas
/// get their own copy of the network (see ``ClassifierInferenceSource``).
public struct ClassifierRecipe: Sendable {
    /// The kind of network.
    public enum Kind: String, Sendable, CaseIterable {
        /// Flatten, dense hidden layers, dense output; input `[features]`.
        case mlp
        /// LeNet-5 style convolutional net; input `[C, H, W]`.
        case lenet
        /// The digit CNN (5×5 convolutions of 32 and 64 filters without padding, dense 128); input `[C, H, W]`.
        case cnn
        /// The CIFAR ResNet-20; input `[C, H, W]`.
        case resnet20
    }

    /// The kind of network.
    public let kind: Kind
    /// Hidden widths (mlp: the dense layers; lenet: the dense layer is `hidden[0]`).
    public var hidden: [Int]
    /// Channel widths (lenet: two convolutions; resnet20: three stages).
    public var channels: [Int]
    /// Residual blocks per stage (resnet20).
    public var blocks: Int
    /// The L2 weight-decay factor on `/W` names.
    public var weightDecay: Float

    /// The zoo's defaults for `kind` (mlp 256-256; lenet 20/50 channels, 500 hidden; cnn 32/64, 128;
    /// resnet20 16/32/64, 3 blocks), without weight decay.
    /// - Parameter kind: The network.
    public init(_ kind: Kind) {
        self.kind = kind
        switch kind {
        case .mlp: hidden = [256, 256]; channels = []
        case .lenet: hidden = [500]; channels = [20, 50]
        case .cnn: hidden = [128]; channels = [32, 64]
        case .resnet20: hidden = []; channels = [16, 32, 64]
        }
        blocks = 3
        weightDecay = 0
    }

    /// The recipe named `name` (`mlp`, `lenet`, `cnn` or `resnet20`).
    /// - Parameter name: The model's name.
    /// - Returns: The recipe with the zoo's defaults.
    /// - Throws: ``EngineError/unknownModel(_:known:)`` listing the known names.
    public static func named(_ name: String) throws(EngineError) -> ClassifierRecipe {
        guard let kind = Kind(rawValue: name) else { throw .unknownModel(name, known: Kind.allCases.map(\.rawValue)) }
        return ClassifierRecipe(kind)
    }

    /// The model's input shape for samples of `sampleShape`: `[features]` for the MLP;
    /// `[C, H, W]` for convolutional nets (`[H, W]` images get one channel).
    /// - Parameter sampleShape: One sample's shape as the data yields it.
    /// - Returns: The input shape (same number of values).
    /// - Throws: ``EngineError/unsupportedInput(_:)`` when a convolutional net gets
    ///   samples that are not images.
    public func inputShape(forSample sampleShape: [Int]) throws(EngineError) -> [Int] {
        switch kind {
        case .mlp:
            return [sampleShape.reduce(1, *)]
        case .lenet, .cnn, .resnet20:
            switch sampleShape.count {
            case 2: return [1] + sampleShape
            case 3: return sampleShape
            default:
                throw .unsupportedInput("\(kind.rawValue) needs image samples ([H, W] or [C, H, W]); the data's samples have shape "
                    + "\(sampleShape); use --model mlp for feature vectors")
            }
        }
    }

    /// Builds a freshly initialised classifier.
    /// - Parameters:
    ///   - sampleShape: One sample's shape as the data yields it.
    ///   - classes: The class count.
    ///   - seed: Seeds the weights and the dropout generator (equal seeds, equal models).
    /// - Returns: The classifier.
    /// - Throws: ``EngineError/unsupportedInput(_:)`` when the model cannot take the samples.
    public func makeClassifier(sampleShape: [Int], classes: Int, seed: UInt64) throws(EngineError) -> ClassifierModel {
        let input = try inputShape(forSample: sampleShape)
        guard classes >= 2 else { throw .unsupportedInput("a classifier needs at least 2 classes; the data has \(classes)") }
        do {
            switch kind {
            case .mlp:
                return Zoo.mlp(inputShape: input, classes: classes, hidden: hidden, seed: seed, weightDecay: weightDecay)
            case .lenet:
                let widths = channels.count == 2 ? (channels[0], channels[1]) : (20, 50)
                return try Zoo.lenet(inputShape: input, classes: classes, channels: widths, hidden: hidden.first ?? 500,
                                     seed: seed, weightDecay: weightDecay)
            case .cnn:
                return try Zoo.cnn(inputShape: input, classes: classes, seed: seed, weightDecay: weightDecay)
            case .resnet20:
                return try Zoo.resnet20(inputShape: input, classes: classes, widths: channels, blocks: blocks,
                                        seed: seed, weightDecay: weightDecay)
            }
        } catch {
            throw .unsupportedInput(error.description)
        }
    }
}
