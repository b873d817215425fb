import LoomData
import LoomTensor

/// A batch as named tensors, for models whose data is not `[image, label]`: inputs,
/// targets, masks, several inputs. Built from a batched datapoint by naming its
/// components in order.
///
/// ```swift
/// let batch = try TensorBatch(datapoint, names: ["features", "target"])
/// let prediction = model(batch["features"])
/// ```
public struct TensorBatch {
    /// The component names, in datapoint order.
    public let names: [String]
    private let components: [DataComponent]

    /// Names the components of `datapoint`.
    /// - Parameters:
    ///   - datapoint: A batched datapoint (every component `[B, …]`).
    ///   - names: One name per component.
    /// - Throws: ``EngineError/batchLayout(expected:found:)`` when the counts differ or the
    ///   components disagree on the batch size.
    public init(_ datapoint: Datapoint, names: [String]) throws(EngineError) {
        let found = "[" + datapoint.map { "\($0.typeName) \($0.shape)" }.joined(separator: ", ") + "]"
        guard datapoint.count == names.count else {
            throw .batchLayout(expected: "\(names.count) components (\(names.joined(separator: ", ")))", found: found)
        }
        let sizes = Set(datapoint.map { $0.shape.first ?? -1 })
        guard sizes.count == 1, let size = sizes.first, size >= 0 else {
            throw .batchLayout(expected: "components with one batch size [B, …]", found: found)
        }
        self.names = names
        components = datapoint
    }

    /// The number of samples `B`.
    public var count: Int { components.first?.shape.first ?? 0 }

    /// The component `name` as a float tensor (int components are converted).
    /// - Parameter name: One of ``names``; another name is a programming error.
    public subscript(name: String) -> Tensor {
        switch component(name) {
        case let .floats(shape, values): return Tensor(shape: shape, scalars: values)
        case let .ints(shape, values): return Tensor(shape: shape, scalars: values.map { Float($0) })
        }
    }

    /// The int component `name` as indices (class labels, token ids).
    /// - Parameter name: One of ``names``, an int component.
    /// - Returns: The indices.
    /// - Throws: ``EngineError/batchLayout(expected:found:)`` for a float component.
    public func indices(_ name: String) throws(EngineError) -> IndexTensor {
        guard case let .ints(shape, values) = component(name) else {
            throw .batchLayout(expected: "'\(name)' as int32 indices", found: "float32 \(component(name).shape)")
        }
        return IndexTensor(shape: shape, indices: values.map { Int($0) })
    }

    private func component(_ name: String) -> DataComponent {
        guard let index = names.firstIndex(of: name) else {
            preconditionFailure("TensorBatch has no component '\(name)'; its components are \(names.joined(separator: ", "))")
        }
        return components[index]
    }
}
