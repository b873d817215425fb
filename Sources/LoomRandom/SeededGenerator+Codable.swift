extension SeededGenerator: Codable {
    private enum CodingKeys: String, CodingKey {
        case state
    }

    /// Decodes a generator saved by ``encode(to:)``, checking the words like ``init(state:)``.
    /// - Parameter decoder: The decoder.
    /// - Throws: `DecodingError.dataCorrupted` (with the ``RandomStateError`` message) when
    ///   the words cannot be a generator state, or the decoder's own errors.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let words = try container.decode([UInt64].self, forKey: .state)
        do {
            try self.init(state: words)
        } catch {
            throw DecodingError.dataCorruptedError(forKey: .state, in: container, debugDescription: error.description)
        }
    }

    /// Encodes the four state words (key `state`).
    /// - Parameter encoder: The encoder.
    /// - Throws: The encoder's errors.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(state, forKey: .state)
    }
}
