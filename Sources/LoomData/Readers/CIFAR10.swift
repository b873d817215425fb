import Foundation

/// CIFAR-10, binary version (`data_batch_1.bin` … `data_batch_5.bin`, `test_batch.bin`,
/// found in the directory or its `cifar-10-batches-bin/`). Datapoint: `[image, label]`.
public final class CIFAR10: RandomAccessDataFlow {
    /// The images and labels as columns.
    public let arrays: ArrayDataFlow

    /// Loads one split.
    /// - Parameters:
    ///   - directory: The directory holding the batch files (raw or `.gz`).
    ///   - split: `.train` (50,000) or `.test` (10,000).
    /// - Throws: `DatasetReadError` listing missing files, or naming a corrupt one.
    public init(directory: URL, split: DatasetSplit) throws {
        let names = split == .train ? (1...5).map { "data_batch_\($0).bin" } : ["test_batch.bin"]
        let urls = try DatasetFiles.locate(names, in: directory, subdirectories: ["cifar-10-batches-bin"])
        arrays = try ArrayDataFlow(columns: try CIFAR.read(urls, labelLimits: [10]))
    }

    /// The number of images.
    public var size: Int { arrays.size }
    /// The number of images.
    public var count: Int? { arrays.size }
    /// Nothing to prepare.
    public func resetState() throws {}
    /// Iterates in file order.
    public func makeIterator() -> IndexedIterator<CIFAR10> { IndexedIterator(flow: self) }
    /// `[image, label]` of sample `index`.
    public func datapoint(at index: Int) throws -> Datapoint { try arrays.datapoint(at: index) }
    /// No generator: a fixed state.
    public var state: FlowState { FlowState(kind: "array") }
    /// Checks the state kind.
    public func restore(_ state: FlowState) throws { try arrays.restore(state) }
}
