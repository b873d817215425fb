import Foundation

extension Checkpoint {
    /// Stores a callback's `Codable` state under its stable key.
    ///
    /// Encoded with sorted keys; non-finite floats become the strings `"inf"`, `"-inf"`, `"nan"`.
    /// - Parameters:
    ///   - state: the callback's state.
    ///   - key: the callback's stable key (the same on every run of the same configuration).
    /// - Throws: ``CheckpointError/stateEncoding(key:detail:)``.
    public mutating func setCallbackState<State: Encodable>(_ state: State, forKey key: String) throws(CheckpointError) {
        callbackStates[key] = try Checkpoint.encodeJSON(state, section: key)
    }

    /// The state stored for the callback `key`, or nil when the checkpoint has none
    /// (e.g. a callback added since the checkpoint was written).
    ///
    /// - Throws: ``CheckpointError/stateDecoding(key:detail:)`` when the JSON does not decode as `State`.
    public func callbackState<State: Decodable>(_ type: State.Type, forKey key: String) throws(CheckpointError) -> State? {
        guard let text = callbackStates[key] else { return nil }
        return try Checkpoint.decodeJSON(type, from: text, section: key)
    }

    /// `value` as compact JSON text with sorted keys (for ``dataPosition``, ``rngState``, callback states).
    ///
    /// - Throws: ``CheckpointError/stateEncoding(key:detail:)`` naming `section`.
    public static func encodeJSON<Value: Encodable>(_ value: Value, section: String) throws(CheckpointError) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        do {
            return String(decoding: try encoder.encode(value), as: UTF8.self)
        } catch {
            throw .stateEncoding(key: section, detail: String(describing: error))
        }
    }

    /// Decodes JSON text written by ``encodeJSON(_:section:)``.
    ///
    /// - Throws: ``CheckpointError/stateDecoding(key:detail:)`` naming `section`.
    public static func decodeJSON<Value: Decodable>(_ type: Value.Type, from text: String, section: String) throws(CheckpointError) -> Value {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        do {
            return try decoder.decode(type, from: Data(text.utf8))
        } catch {
            throw .stateDecoding(key: section, detail: String(describing: error))
        }
    }
}
