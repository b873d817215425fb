import Foundation
import LoomData
import LoomTraining

extension ResumePoint {
    /// The point as a ``BackendResumeState`` for a checkpoint: the data position and the
    /// generator words as JSON text (`.string`, keys sorted; words in hexadecimal so the
    /// 64-bit values survive exactly, which JSON numbers would not).
    public func backendResumeState() -> BackendResumeState {
        let words = StateValue.array(random.map { .string(String($0, radix: 16)) })
        return BackendResumeState(dataPosition: .string(data.jsonText), rng: .string(words.jsonText))
    }

    /// Reads a point stored by ``backendResumeState()``.
    /// - Returns: `nil` for an empty state (a checkpoint written without one).
    /// - Throws: ``EngineError/state(_:)`` when the saved text is not a data position and
    ///   generator state.
    public static func decode(_ state: BackendResumeState) throws(EngineError) -> ResumePoint? {
        if state.isEmpty { return nil }
        guard let dataText = state.dataPosition.stringValue, let randomText = state.rng.stringValue else {
            throw .state("the resume state must hold the data position and generator as JSON text; found \(state)")
        }
        let position: DataPosition
        let words: [String]
        do {
            position = try JSONDecoder().decode(DataPosition.self, from: Data(dataText.utf8))
            words = try JSONDecoder().decode([String].self, from: Data(randomText.utf8))
        } catch {
            throw .state("the saved resume state is not valid JSON of a data position and generator: \(error)")
        }
        let random = words.compactMap { UInt64($0, radix: 16) }
        guard random.count == words.count else {
            throw .state("the saved generator words \(words) are not hexadecimal 64-bit numbers")
        }
        return ResumePoint(data: position, random: random)
    }
}
