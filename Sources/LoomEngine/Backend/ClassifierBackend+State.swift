import LoomData
import LoomNN
import LoomTraining

extension ClassifierBackend {
    /// The model's parameters and buffers (`conv1/W`, `bn1/mean/EMA`, …), then the
    /// optimizer's state (`optimizer/step`, `optimizer/<param>/<slot>`). Every slot of
    /// every parameter is listed, zeros before its first update, so the names never
    /// depend on how far training went (a checkpoint matches a fresh backend).
    public func exportState() throws -> [NamedArray] {
        let model = classifier.model
        let parameters = model.namedParameters()
        var slots: [String: StateArray] = [:]
        for array in optimizer.stateArrays(for: parameters) { slots[array.name] = array }
        var arrays = model.stateArrays().map { NamedArray(name: $0.name, shape: $0.shape, values: $0.values) }
        if let step = slots["optimizer/step"] { arrays.append(NamedArray(name: step.name, shape: step.shape, values: step.values)) }
        for (name, parameter) in parameters {
            for slot in optimizer.algorithm.slotNames {
                let key = "optimizer/\(name)/\(slot)"
                let values = slots[key]?.values ?? [Float](repeating: 0, count: parameter.value.scalarCount)
                arrays.append(NamedArray(name: key, shape: parameter.shape, values: values))
            }
        }
        return arrays
    }

    /// Restores a state made by ``exportState()``; nothing changes unless all of it fits.
    /// - Throws: ``EngineError/state(_:)`` naming the missing, unexpected or mis-shaped arrays.
    public func importState(_ arrays: [NamedArray]) throws {
        let model = classifier.model
        let modelArrays = arrays.filter { !$0.name.hasPrefix("optimizer/") }
            .map { StateArray(name: $0.name, shape: $0.shape, values: $0.values) }
        let optimizerArrays = arrays.filter { $0.name.hasPrefix("optimizer/") }
            .map { StateArray(name: $0.name, shape: $0.shape, values: $0.values) }
        let previous = model.stateArrays()
        do {
            try model.load(modelArrays, strict: true)
        } catch {
            throw EngineError.state(error.description)
        }
        do {
            try optimizer.load(optimizerArrays, for: model.namedParameters())
        } catch {
            try? model.load(previous, strict: true)
            throw EngineError.state(error.description)
        }
    }

    /// Where the run is in its data and randomness: the data cursor's position and the
    /// model's dropout generator. Restoring it makes the next steps bit-identical.
    public var resumePoint: ResumePoint {
        ResumePoint(data: cursor.position, random: classifier.model.randomState)
    }

    /// Moves the data cursor and the dropout generator to a saved ``resumePoint``.
    /// - Parameter point: A value read from ``resumePoint`` of a backend over the same pipeline.
    /// - Throws: ``EngineError/state(_:)`` when the data position or generator state does not fit.
    public func restore(_ point: ResumePoint) throws {
        do {
            try classifier.model.restoreRandomState(point.random)
        } catch {
            throw EngineError.state(error.description)
        }
        do {
            try cursor.restore(point.data)
        } catch {
            throw EngineError.state("the saved data position does not fit this data pipeline: \(error)")
        }
    }
}
