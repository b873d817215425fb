import Foundation

/// MNIST or Fashion-MNIST from the IDX files as distributed (`train-images-idx3-ubyte.gz`,
/// `train-labels-idx1-ubyte.gz`, `t10k-…`; raw or gzip).
///
/// Datapoint: `[image, label]`: image `.floats(shape: [28, 28])` with values in 0…1,
/// label `.ints(shape: [])`. Loads everything into memory at creation.
public final class MNIST: RandomAccessDataFlow {
    /// The images and labels as columns.
    public let arrays: ArrayDataFlow

    /// Loads one split from a directory holding the standard files.
    /// - Parameters:
    ///   - directory: The directory (files may also be `.gz`).
    ///   - split: `.train` (60,000) or `.test` (10,000).
    /// - Throws: `DatasetReadError` listing missing files, or naming a corrupt one.
    public convenience init(directory: URL, split: DatasetSplit) throws {
        let prefix = split == .train ? "train" : "t10k"
        let urls = try DatasetFiles.locate(["\(prefix)-images-idx3-ubyte", "\(prefix)-labels-idx1-ubyte"], in: directory)
        try self.init(images: urls[0], labels: urls[1])
    }

    /// Loads an image file and a label file.
    /// - Parameters:
    ///   - images: An IDX file of rank 3 (count, rows, columns).
    ///   - labels: An IDX file of rank 1 (count).
    /// - Throws: `DatasetReadError` if a file is invalid or the counts differ.
    public init(images: URL, labels: URL) throws {
        let imageFile = try IDXFile.read(images, rank: 3)
        let labelFile = try IDXFile.read(labels, rank: 1)
        guard imageFile.shape[0] == labelFile.shape[0] else {
            throw DatasetReadError.shapeMismatch(file: labels.path, what: "label count", expected: "\(imageFile.shape[0]) (the image count of \(images.lastPathComponent))", found: "\(labelFile.shape[0])")
        }
        let scale: Float = 1 / 255
        arrays = try ArrayDataFlow(columns: [
            .floats(shape: imageFile.shape, values: imageFile.values.map { Float($0) * scale }),
            .ints(shape: labelFile.shape, values: labelFile.values.map { Int32($0) }),
        ])
    }

    /// The number of images.
    public var size: Int { arrays.size }
    /// The number of images.
    public var count: Int? { arrays.size }
    /// Nothing to prepare: loaded at creation.
    public func resetState() throws {}
    /// Iterates in file order.
    public func makeIterator() -> IndexedIterator<MNIST> { IndexedIterator(flow: self) }
    /// `[image, label]` of sample `index`.
    public func datapoint(at index: Int) throws -> Datapoint { try arrays.datapoint(at: index) }
    /// No generator: a fixed state.
    public var state: FlowState { FlowState(kind: "array") }
    /// Checks the state kind.
    public func restore(_ state: FlowState) throws { try arrays.restore(state) }
}
