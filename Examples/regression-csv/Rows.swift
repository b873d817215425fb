import LoomData
import LoomEngine
import LoomTensor

/// A batch as the model sees it: the features and the target, split off a `[B, columns]` row block.
struct Rows {
    let features: Tensor  // [B, columns - 1]
    let target: Tensor    // [B, 1]

    /// Splits each row of a batch into its features and its last column, the target.
    init(_ datapoint: Datapoint) throws {
        guard case let .floats(shape, values) = datapoint[0] else { throw EngineError.batchLayout(expected: "float rows", found: "\(datapoint)") }
        let (count, width) = (shape[0], shape[1])
        var x: [Float] = [], y: [Float] = []
        for row in 0..<count {
            x += values[row * width..<(row + 1) * width - 1]
            y.append(values[(row + 1) * width - 1])
        }
        features = Tensor(shape: [count, width - 1], scalars: x)
        target = Tensor(shape: [count, 1], scalars: y)
    }
}
