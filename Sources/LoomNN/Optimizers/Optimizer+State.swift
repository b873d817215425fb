import LoomTensor

extension Optimizer {
    /// The optimizer's state as named arrays: `optimizer/step` (shape `[]`) and, per
    /// parameter that has been updated, `optimizer/<param name>/<slot>` (the parameter's
    /// shape) with slots from ``OptimizerAlgorithm/slotNames`` (`velocity`; `m`, `v`;
    /// `mean_square`, `momentum`).
    ///
    /// The arrays are copies taken now, not shared with the slots: a checkpoint snapshot
    /// holds them while a background writer saves it, and shared storage would make the
    /// next update copy every slot (into fresh memory) inside the training step instead.
    /// - Parameter parameters: The model's named parameters (they give the order and shapes).
    /// - Returns: The arrays, step first.
    public func stateArrays(for parameters: [(name: String, parameter: Parameter)]) -> [StateArray] {
        var fresh = SnapshotArrays()
        return stateArrays(for: parameters, reusing: &fresh)
    }

    /// ``stateArrays(for:)`` written into the arrays of the previous snapshot in `storage`
    /// where nothing else holds them (see ``SnapshotArrays``).
    public func stateArrays(for parameters: [(name: String, parameter: Parameter)],
                            reusing storage: inout SnapshotArrays) -> [StateArray] {
        var result = [StateArray(name: "optimizer/step", shape: [], values: [Float(stepCount)])]
        for (name, parameter) in parameters {
            guard let slotStorage = slots[name] else { continue }
            for (slot, values) in zip(algorithm.slotNames, slotStorage.arrays) {
                let key = "optimizer/\(name)/\(slot)"
                let copy = values.withUnsafeBufferPointer { storage.copy($0, as: key) }
                result.append(StateArray(name: key, shape: parameter.shape, values: copy))
            }
        }
        return result
    }

    /// Restores state saved by ``stateArrays(for:)``; the next update is then identical to
    /// the one the saved optimizer would have made.
    ///
    /// Slots absent from `arrays` are reset to zero (a parameter never updated before the
    /// save). Nothing changes unless every check passes.
    /// - Parameters:
    ///   - arrays: Arrays whose names start with `optimizer/` (others are ignored).
    ///   - parameters: The model's named parameters.
    /// - Throws: ``StateError`` when `optimizer/step` is missing, a name matches no parameter
    ///   slot, or a shape differs from the parameter's.
    public func load(_ arrays: [StateArray], for parameters: [(name: String, parameter: Parameter)]) throws(StateError) {
        let own = arrays.filter { $0.name.hasPrefix("optimizer/") }
        guard let step = own.first(where: { $0.name == "optimizer/step" }), let stepValue = step.values.first else {
            throw .missing(["optimizer/step"], available: own.map(\.name))
        }
        var expected: [String: (parameter: String, slot: Int, shape: [Int])] = [:]
        for (name, parameter) in parameters {
            for (index, slot) in algorithm.slotNames.enumerated() {
                expected["optimizer/\(name)/\(slot)"] = (name, index, parameter.shape)
            }
        }
        var restored: [String: SlotStorage] = [:]
        for array in own where array.name != "optimizer/step" {
            guard let target = expected[array.name] else {
                throw .unexpected([array.name], known: ["optimizer/step"] + expected.keys.sorted())
            }
            guard array.values.count == array.shape.reduce(1, *) else {
                throw .valueCount(name: array.name, shape: array.shape, count: array.values.count)
            }
            guard array.shape == target.shape else { throw .shapeMismatch(name: array.name, expected: target.shape, found: array.shape) }
            let storage = restored[target.parameter] ?? SlotStorage(count: array.values.count, slots: algorithm.slotNames.count)
            storage.slots[target.slot].values = array.values
            restored[target.parameter] = storage
        }
        slots = restored
        stepCount = Int(stepValue)
    }
}
