import LoomTensor

extension Model {
    /// Every parameter, then every buffer, as named flat arrays (checkpoint content).
    public func stateArrays() -> [StateArray] {
        stateSlots().map { StateArray(name: $0.name, shape: $0.shape, values: $0.value.scalars) }
    }

    /// ``stateArrays()`` written into the arrays of the previous snapshot in `storage`
    /// where nothing else holds them (see ``SnapshotArrays``).
    public func stateArrays(reusing storage: inout SnapshotArrays) -> [StateArray] {
        stateSlots().map { slot in
            StateArray(name: slot.name, shape: slot.shape, values: slot.value.withUnsafeBufferPointer { storage.copy($0, as: slot.name) })
        }
    }

    /// The names of every parameter and buffer, in ``stateArrays()`` order.
    public var stateNames: [String] { stateSlots().map(\.name) }

    /// Replaces parameter and buffer values with `arrays`, matched by name.
    ///
    /// Nothing is changed unless every check passes.
    /// - Parameters:
    ///   - arrays: Named arrays, e.g. read from a checkpoint.
    ///   - strict: Whether names the model does not have are an error (default) or ignored.
    /// - Throws: ``StateError`` for a missing name, an unknown name (when strict), a shape
    ///   mismatch or a value count that does not fit the shape.
    public func load(_ arrays: [StateArray], strict: Bool = true) throws(StateError) {
        var byName: [String: StateArray] = [:]
        for array in arrays { byName[array.name] = array }
        let targets = stateSlots()
        let missing = targets.map(\.name).filter { byName[$0] == nil }
        guard missing.isEmpty else { throw .missing(missing, available: arrays.map(\.name)) }
        if strict {
            let known = Set(targets.map(\.name))
            let extra = arrays.map(\.name).filter { !known.contains($0) }
            guard extra.isEmpty else { throw .unexpected(extra, known: targets.map(\.name)) }
        }
        for target in targets {
            guard let array = byName[target.name] else { continue }
            guard array.values.count == array.shape.reduce(1, *) else {
                throw .valueCount(name: array.name, shape: array.shape, count: array.values.count)
            }
            guard array.shape == target.shape else { throw .shapeMismatch(name: target.name, expected: target.shape, found: array.shape) }
        }
        for target in targets {
            guard let array = byName[target.name] else { continue }
            target.assign(array.values)
        }
    }

    /// Copies every parameter and buffer value of `source` into this model, tensor to
    /// tensor, without the intermediate arrays of `load(source.stateArrays())` (an
    /// evaluation replica takes the training model's weights this way each pass).
    ///
    /// Nothing is changed unless every check passes.
    /// - Parameter source: A model with the same state names, in the same order, and shapes.
    /// - Throws: ``StateError`` as ``load(_:strict:)`` with `strict: true` would.
    public func copyState(from source: Model) throws(StateError) {
        let targets = stateSlots(), sources = source.stateSlots()
        guard targets.map(\.name) == sources.map(\.name) else {
            return try load(source.stateArrays(), strict: true)  // reports the missing or extra names
        }
        for (target, source) in zip(targets, sources) where target.shape != source.shape {
            throw .shapeMismatch(name: target.name, expected: target.shape, found: source.shape)
        }
        for (target, source) in zip(targets, sources) { target.assign(source.value) }
    }

    /// The dropout generator's state (4 words), for resumable runs.
    public var randomState: [UInt64] { context.generator.state }

    /// Restores the dropout generator's state saved from ``randomState``.
    /// - Parameter state: The 4 saved words.
    /// - Throws: ``StateError/badRandomState(_:)`` when the words cannot be a generator state.
    public func restoreRandomState(_ state: [UInt64]) throws(StateError) {
        do {
            context.generator = try SeededGenerator(state: state)
        } catch {
            throw .badRandomState(error.description)
        }
    }

    /// Parameters and buffers in state order, each with a uniform accessor.
    fileprivate func stateSlots() -> [NamedTensorSlot] {
        namedParameters().map { NamedTensorSlot(name: $0.name, parameter: $0.parameter, buffer: nil) }
            + namedBuffers().map { NamedTensorSlot(name: $0.name, parameter: nil, buffer: $0.buffer) }
    }
}

/// A parameter or buffer with its name (internal to state export/import).
private struct NamedTensorSlot {
    let name: String
    let parameter: Parameter?
    let buffer: Buffer?

    var value: Tensor { parameter?.value ?? buffer?.value ?? Tensor(zeros: [0]) }
    var shape: [Int] { value.shape }

    func assign(_ values: [Float]) {
        if let parameter { parameter.assign(values) }
        if let buffer { buffer.value = Tensor(shape: buffer.shape, scalars: values) }
    }

    /// Copies `tensor`'s values (same shape) into this parameter or buffer.
    func assign(_ tensor: Tensor) {
        if let parameter {
            tensor.withUnsafeBufferPointer { source in
                parameter.value.withUnsafeMutableBufferPointer { target in
                    _ = target.update(fromContentsOf: source)
                }
            }
        }
        if let buffer { buffer.value = Tensor(shape: buffer.shape, scalars: tensor.scalars) }
    }
}
