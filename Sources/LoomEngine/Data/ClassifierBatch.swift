import LoomData
import LoomTensor

/// One batch for a classifier, as tensors: images shaped `[B] + inputShape` and labels
/// `[B]`. Made from a `LoomData` batch (`[image, label]` stacked by `BatchData`).
///
/// A value (the tensors are copy-on-write), so a batch can be handed to another thread.
public struct ClassifierBatch: Sendable {
    /// `[B] + inputShape`.
    public var images: Tensor
    /// `[B]` class indices.
    public var labels: IndexTensor
    /// The number of samples `B`.
    public var count: Int { labels.indices.count }

    /// Creates a batch from tensors.
    /// - Parameters:
    ///   - images: `[B] + inputShape`.
    ///   - labels: `[B]` class indices.
    public init(images: Tensor, labels: IndexTensor) {
        self.images = images
        self.labels = labels
    }

    /// Converts a stacked `[image, label]` datapoint, reshaping the images to the model's
    /// input shape (the values are the same, row-major: `[B, 28, 28]` becomes
    /// `[B, 1, 28, 28]` for a convolutional net or `[B, 784]` for an MLP).
    /// - Parameters:
    ///   - datapoint: Component 0 float images `[B, …]`, component 1 int labels `[B]`.
    ///   - inputShape: One sample's shape as the model takes it.
    ///   - classes: The class count (labels are checked against it).
    /// - Throws: ``EngineError`` for another layout, a size that does not fit, or a label
    ///   out of range.
    public init(_ datapoint: Datapoint, inputShape: [Int], classes: Int) throws(EngineError) {
        let expected = "[images float32 [B, ...], labels int32 [B]]"
        guard datapoint.count == 2, case let .floats(imageShape, values) = datapoint[0],
              case let .ints(labelShape, labels) = datapoint[1] else {
            throw .batchLayout(expected: expected, found: "[" + datapoint.map { "\($0.typeName) \($0.shape)" }.joined(separator: ", ") + "]")
        }
        guard let batch = imageShape.first, labelShape == [batch] else {
            throw .batchLayout(expected: expected, found: "images \(imageShape), labels \(labelShape)")
        }
        let sampleShape = Array(imageShape.dropFirst())
        guard sampleShape.reduce(1, *) == inputShape.reduce(1, *) else {
            throw .inputSize(modelInput: inputShape, sampleShape: sampleShape)
        }
        var indices = [Int](repeating: 0, count: labels.count)
        for (position, label) in labels.enumerated() {
            guard label >= 0, Int(label) < classes else { throw .labelOutOfRange(label: Int(label), classes: classes) }
            indices[position] = Int(label)
        }
        images = Tensor(shape: [batch] + inputShape, scalars: values)
        self.labels = IndexTensor(shape: [batch], indices: indices)
    }
}
