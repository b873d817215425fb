import LoomNN
import LoomTraining

extension Optimizer {
    /// The optimizer's complete state under `prefix` (`<prefix>step`, then
    /// `<prefix><param>/<slot>` for every slot of every parameter, zeros before the first
    /// update), so the names never depend on how far training went.
    /// - Parameters:
    ///   - parameters: The parameters it updates (they give the order and shapes).
    ///   - prefix: `optimizer/`, or `optimizer/<group>/` for one of several groups.
    /// - Returns: The arrays, step first.
    public func checkpointArrays(for parameters: [(name: String, parameter: Parameter)], prefix: String) -> [NamedArray] {
        var fresh = SnapshotArrays()
        return checkpointArrays(for: parameters, prefix: prefix, reusing: &fresh)
    }

    /// ``checkpointArrays(for:prefix:)`` written into the arrays of the previous snapshot
    /// in `storage` where nothing else holds them (see `SnapshotArrays`).
    public func checkpointArrays(for parameters: [(name: String, parameter: Parameter)], prefix: String,
                                 reusing storage: inout SnapshotArrays) -> [NamedArray] {
        var slots: [String: StateArray] = [:]
        for array in stateArrays(for: parameters, reusing: &storage) { slots[array.name] = array }
        var arrays: [NamedArray] = []
        if let step = slots["optimizer/step"] { arrays.append(NamedArray(name: prefix + "step", shape: step.shape, values: step.values)) }
        for (name, parameter) in parameters {
            for slot in algorithm.slotNames {
                let values = slots["optimizer/\(name)/\(slot)"]?.values ?? [Float](repeating: 0, count: parameter.value.scalarCount)
                arrays.append(NamedArray(name: "\(prefix)\(name)/\(slot)", shape: parameter.shape, values: values))
            }
        }
        return arrays
    }

    /// Restores a state saved by ``checkpointArrays(for:prefix:)`` from the arrays whose
    /// names start with `prefix`.
    /// - Parameters:
    ///   - arrays: The arrays (others are ignored).
    ///   - parameters: The parameters it updates.
    ///   - prefix: The prefix used when saving.
    /// - Throws: `StateError` for a missing step, an unknown name or a wrong shape.
    public func loadCheckpointArrays(_ arrays: [NamedArray], for parameters: [(name: String, parameter: Parameter)],
                              prefix: String) throws(StateError) {
        let own = arrays.filter { $0.name.hasPrefix(prefix) }
            .map { StateArray(name: "optimizer/" + $0.name.dropFirst(prefix.count), shape: $0.shape, values: $0.values) }
        try load(own, for: parameters)
    }
}
