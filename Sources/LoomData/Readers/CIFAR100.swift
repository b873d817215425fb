import Foundation

/// CIFAR-100, binary version (`train.bin`, `test.bin`, found in the directory or its
/// `cifar-100-binary/`). Datapoint: `[image, fineLabel (0..<100), coarseLabel (0..<20)]`.
public final class CIFAR100: RandomAccessDataFlow {
    /// The images and labels as columns.
    public let arrays: ArrayDataFlow

    /// Loads one split.
    /// - Parameters:
    ///   - directory: The directory holding `train.bin`/`test.bin` (raw or `.gz`).
    ///   - split: `.train` (50,000) or `.test` (10,000).
    /// - Throws: `DatasetReadError` listing missing files, or naming a corrupt one.
    public init(directory: URL, split: DatasetSplit) throws {
        let urls = try DatasetFiles.locate(["\(split.rawValue).bin"], in: directory, subdirectories: ["cifar-100-binary"])
        let columns = try CIFAR.read(urls, labelLimits: [20, 100])
        arrays = try ArrayDataFlow(columns: [columns[0], columns[2], columns[1]])
    }

    /// The number of images.
    public var size: Int { arrays.size }
    /// The number of images.
    public var count: Int? { arrays.size }
    /// Nothing to prepare.
    public func resetState() throws {}
    /// Iterates in file order.
    public func makeIterator() -> IndexedIterator<CIFAR100> { IndexedIterator(flow: self) }
    /// `[image, fine, coarse]` of sample `index`.
    public func datapoint(at index: Int) throws -> Datapoint { try arrays.datapoint(at: index) }
    /// No generator: a fixed state.
    public var state: FlowState { FlowState(kind: "array") }
    /// Checks the state kind.
    public func restore(_ state: FlowState) throws { try arrays.restore(state) }
}
