import LoomData
import LoomEngine
import LoomTraining

extension DataParallelClassifierBackend {
    /// The data position and the dropout generator state, stored like
    /// ``ClassifierBackend``'s (``ResumePoint/backendResumeState()``). Empty for a backend
    /// built over a batch closure.
    /// - Throws: ``DistributedTrainingError/resumeState(_:)`` when the position cannot be encoded.
    public func exportResumeState() throws -> BackendResumeState {
        guard let dataPosition else { return BackendResumeState() }
        do {
            return try ResumePoint(data: dataPosition(), random: parallel.classifier.model.randomState).backendResumeState()
        } catch {
            throw DistributedTrainingError.resumeState(error.description)
        }
    }

    /// Restores a state made by ``exportResumeState()`` (every rank gets rank 0's). An
    /// empty state leaves the data position and generator as they are.
    /// - Throws: ``DistributedTrainingError/resumeState(_:)`` when the saved text is not a
    ///   position and generator of this pipeline, or the backend cannot resume exactly.
    public func importResumeState(_ state: BackendResumeState) throws {
        if state.isEmpty { return }
        guard let restoreDataPosition else {
            throw DistributedTrainingError.resumeState("this backend reads batches from a closure and cannot move to a saved data position; build it with init(parallel:cursor:makeBatch:)")
        }
        let point: ResumePoint?
        do {
            point = try ResumePoint.decode(state)
        } catch {
            throw DistributedTrainingError.resumeState(error.description)
        }
        guard let point else { return }
        do {
            try parallel.classifier.model.restoreRandomState(point.random)
            try restoreDataPosition(point.data)
        } catch {
            throw DistributedTrainingError.resumeState("the saved position does not fit this data pipeline: \(error)")
        }
    }
}
