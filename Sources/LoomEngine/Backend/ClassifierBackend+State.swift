import LoomData
import LoomNN
import LoomTraining

extension ClassifierBackend {
    /// The model's parameters and buffers (`conv1/W`, `bn1/mean/EMA`, …), then the
    /// optimizer's state (`optimizer/step`, `optimizer/<param>/<slot>`). Every slot of
    /// every parameter is listed, zeros before its first update, so the names never
    /// depend on how far training went (a checkpoint matches a fresh backend).
    public func exportState() throws -> [NamedArray] { try backend.exportState() }

    /// Restores a state made by ``exportState()``; nothing changes unless all of it fits.
    /// - Throws: ``EngineError/state(_:)`` naming the missing, unexpected or mis-shaped arrays.
    public func importState(_ arrays: [NamedArray]) throws { try backend.importState(arrays) }

    /// Where the run is in its data and randomness: the data cursor's position and the
    /// model's dropout generator. Restoring it makes the next steps bit-identical.
    public var resumePoint: ResumePoint { backend.resumePoint }

    /// Moves the data cursor and the dropout generator to a saved ``resumePoint``.
    /// - Parameter point: A value read from ``resumePoint`` of a backend over the same pipeline.
    /// - Throws: ``EngineError/state(_:)`` when the data position or generator state does not fit.
    public func restore(_ point: ResumePoint) throws { try backend.restore(point) }
}
