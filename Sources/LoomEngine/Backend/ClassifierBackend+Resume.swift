import Foundation
import LoomData
import LoomTraining

extension ClassifierBackend {
    /// The data position and the dropout generator state, for exact resume. Both are
    /// stored as JSON text (`.string`, keys sorted) so the 64-bit generator words survive exactly.
    /// - Throws: ``EngineError/state(_:)`` when the position cannot be encoded.
    public func exportResumeState() throws -> BackendResumeState {
        let point = resumePoint
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        do {
            let data = try encoder.encode(point.data)
            let random = try encoder.encode(point.random.map { String($0, radix: 16) })
            return BackendResumeState(dataPosition: .string(String(decoding: data, as: UTF8.self)),
                                      rng: .string(String(decoding: random, as: UTF8.self)))
        } catch {
            throw EngineError.state("cannot encode the data position: \(error)")
        }
    }

    /// Restores a state made by ``exportResumeState()``. An empty state (a checkpoint
    /// written without one) leaves the data position and generator as they are.
    /// - Throws: ``EngineError/state(_:)`` when the saved text is not a position or a
    ///   generator state of this pipeline.
    public func importResumeState(_ state: BackendResumeState) throws {
        if state.isEmpty { return }
        guard let dataText = state.dataPosition.stringValue, let randomText = state.rng.stringValue else {
            throw EngineError.state("the resume state must hold the data position and generator as JSON text; found \(state)")
        }
        let position: DataPosition
        let words: [String]
        do {
            position = try JSONDecoder().decode(DataPosition.self, from: Data(dataText.utf8))
            words = try JSONDecoder().decode([String].self, from: Data(randomText.utf8))
        } catch {
            throw EngineError.state("the saved resume state is not valid JSON of a data position and generator: \(error)")
        }
        let random = words.compactMap { UInt64($0, radix: 16) }
        guard random.count == words.count else {
            throw EngineError.state("the saved generator words \(words) are not hexadecimal 64-bit numbers")
        }
        try restore(ResumePoint(data: position, random: random))
    }
}
