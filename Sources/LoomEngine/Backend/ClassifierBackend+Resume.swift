import LoomTraining

extension ClassifierBackend {
    /// The data position and the dropout generator state, for exact resume
    /// (``ResumePoint/backendResumeState()``).
    public func exportResumeState() throws -> BackendResumeState { try backend.exportResumeState() }

    /// Restores a state made by ``exportResumeState()``. An empty state (a checkpoint
    /// written without one) leaves the data position and generator as they are.
    /// - Throws: ``EngineError/state(_:)`` when the saved text is not a position or a
    ///   generator state of this pipeline.
    public func importResumeState(_ state: BackendResumeState) throws { try backend.importResumeState(state) }
}
