import Foundation
import LoomData
import LoomTraining

extension DataParallelClassifierBackend {
    /// The data position and the dropout generator state, as JSON text (`.string`, keys
    /// sorted; generator words in hexadecimal so they survive exactly). Empty for a backend
    /// built over a batch closure.
    /// - Throws: ``DistributedTrainingError/resumeState(_:)`` when the position cannot be encoded.
    public func exportResumeState() throws -> BackendResumeState {
        guard let dataPosition else { return BackendResumeState() }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        do {
            let data = try encoder.encode(dataPosition())
            let random = try encoder.encode(parallel.classifier.model.randomState.map { String($0, radix: 16) })
            return BackendResumeState(dataPosition: .string(String(decoding: data, as: UTF8.self)),
                                      rng: .string(String(decoding: random, as: UTF8.self)))
        } catch {
            throw DistributedTrainingError.resumeState("cannot encode the data position: \(error)")
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
        guard let dataText = state.dataPosition.stringValue, let randomText = state.rng.stringValue else {
            throw DistributedTrainingError.resumeState("the resume state must hold the data position and generator as JSON text; found \(state)")
        }
        let position: DataPosition
        let words: [String]
        do {
            position = try JSONDecoder().decode(DataPosition.self, from: Data(dataText.utf8))
            words = try JSONDecoder().decode([String].self, from: Data(randomText.utf8))
        } catch {
            throw DistributedTrainingError.resumeState("the saved resume state is not valid JSON of a data position and generator: \(error)")
        }
        let random = words.compactMap { UInt64($0, radix: 16) }
        guard random.count == words.count else {
            throw DistributedTrainingError.resumeState("the saved generator words \(words) are not hexadecimal 64-bit numbers")
        }
        do {
            try parallel.classifier.model.restoreRandomState(random)
            try restoreDataPosition(position)
        } catch {
            throw DistributedTrainingError.resumeState("the saved position does not fit this data pipeline: \(error)")
        }
    }
}
