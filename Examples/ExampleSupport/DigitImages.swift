import Foundation
import LoomData

/// The digit images of the image examples: MNIST-format IDX files from a directory, or the
/// built-in ``SyntheticDigits`` (28×28, no download). Images only, `[1, 28, 28]` in 0…1.
public struct DigitImages {
    /// The training images.
    public let train: ArrayDataFlow
    /// The validation images (the test split).
    public let validation: ArrayDataFlow
    /// Where they came from, for the log.
    public let source: String

    /// Loads `trainSize` training and `validationSize` validation images.
    /// - Parameters:
    ///   - directory: A directory with `train-images-idx3-ubyte`, `t10k-…` (raw or .gz), or
    ///     nil for synthetic digits.
    ///   - trainSize: Training images (at most the split's size).
    ///   - validationSize: Validation images (at most the split's size).
    /// - Throws: `DatasetReadError` for missing or corrupt files.
    public init(directory: URL?, trainSize: Int, validationSize: Int) throws {
        func images(_ flow: some RandomAccessDataFlow, _ count: Int) throws -> ArrayDataFlow {
            let count = min(count, flow.size)
            var values: [Float] = []
            values.reserveCapacity(count * 784)
            for index in 0..<count {
                guard case let .floats(shape, pixels) = try flow.datapoint(at: index)[0], shape == [28, 28] else {
                    throw DataFlowError.invalidArgument("digit images must be 28×28; image \(index) is \(try flow.datapoint(at: index)[0].shape)")
                }
                values += pixels
            }
            return try ArrayDataFlow(columns: [.floats(shape: [count, 1, 28, 28], values: values)])
        }
        if let directory {
            train = try images(MNIST(directory: directory, split: .train), trainSize)
            validation = try images(MNIST(directory: directory, split: .test), validationSize)
            source = "IDX files in \(directory.path)"
        } else {
            train = try images(SyntheticDigits.train(count: trainSize), trainSize)
            validation = try images(SyntheticDigits.validation(count: validationSize), validationSize)
            source = "synthetic digits"
        }
    }

    /// The mean training image, `784` values.
    public var meanTrainingImage: [Float] {
        guard case let .floats(shape, values) = train.columns[0], shape[0] > 0 else { return [Float](repeating: 0, count: 784) }
        var mean = [Float](repeating: 0, count: 784)
        for (index, value) in values.enumerated() { mean[index % 784] += value }
        return mean.map { $0 / Float(shape[0]) }
    }

    /// The validation MSE of predicting the mean training image for every image: the
    /// baseline a reconstruction must beat.
    public var meanImageValidationMSE: Double {
        let mean = meanTrainingImage
        guard case let .floats(_, values) = validation.columns[0], !values.isEmpty else { return .nan }
        var sum = 0.0
        for (index, value) in values.enumerated() { sum += Double((value - mean[index % 784]) * (value - mean[index % 784])) }
        return sum / Double(values.count)
    }

    /// The first `count` validation images, `784` values each.
    /// - Parameter count: How many.
    public func validationImages(_ count: Int) -> [[Float]] {
        guard case let .floats(_, values) = validation.columns[0] else { return [] }
        return (0..<min(count, validation.size)).map { Array(values[($0 * 784)..<(($0 + 1) * 784)]) }
    }
}
