import LoomData
import LoomTraining

extension ModelBackend {
    /// Where the run is in its data and randomness: the data cursor's position and the
    /// model's generator (dropout, and any noise a custom step draws from
    /// `model.context.generator`). Restoring it makes the next steps bit-identical.
    public var resumePoint: ResumePoint {
        ResumePoint(data: cursor.position, random: model.randomState)
    }

    /// Moves the data cursor and the model's generator to a saved ``resumePoint``.
    /// - Parameter point: A value read from ``resumePoint`` of a backend over the same pipeline.
    /// - Throws: ``EngineError/state(_:)`` when the data position or generator state does not fit.
    public func restore(_ point: ResumePoint) throws {
        do {
            try model.restoreRandomState(point.random)
        } catch {
            throw EngineError.state(error.description)
        }
        do {
            try cursor.restore(point.data)
        } catch {
            throw EngineError.state("the saved data position does not fit this data pipeline: \(error)")
        }
    }

    /// The data position and the generator state, for exact resume
    /// (``ResumePoint/backendResumeState()``).
    public func exportResumeState() throws -> BackendResumeState {
        resumePoint.backendResumeState()
    }

    /// Restores a state made by ``exportResumeState()``. An empty state (a checkpoint
    /// written without one) leaves the data position and generator as they are.
    /// - Throws: ``EngineError/state(_:)`` when the saved text is not a position or a
    ///   generator state of this pipeline.
    public func importResumeState(_ state: BackendResumeState) throws {
        guard let point = try ResumePoint.decode(state) else { return }
        try restore(point)
    }
}
