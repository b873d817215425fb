import LoomData

/// What a ``ClassifierBackend`` needs besides its arrays to continue a run exactly: the
/// training data's position and the dropout generator's state. A plain `Codable` value.
public struct ResumePoint: Codable, Equatable, Sendable {
    /// The data cursor's position (pass, index in the pass, flow generator states).
    public var data: DataPosition
    /// The model's dropout generator state (4 words).
    public var random: [UInt64]

    /// Creates a resume point.
    /// - Parameters:
    ///   - data: The data position.
    ///   - random: The generator state.
    public init(data: DataPosition, random: [UInt64]) {
        self.data = data
        self.random = random
    }
}
