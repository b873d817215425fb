/// How hard zlib compresses a PNG's image data (a zlib level, 0–9).
public struct PNGCompression: Sendable, Equatable {
    /// The zlib level: 0 stores, 1 is fastest, 9 is smallest.
    public let level: Int32

    /// A zlib level.
    /// - Precondition: `level` is in 0...9.
    public init(level: Int32) {
        precondition((0...9).contains(level), "PNGCompression: zlib levels are 0...9, not \(level)")
        self.level = level
    }

    /// Stored (uncompressed) deflate blocks: fastest, largest.
    public static let stored = PNGCompression(level: 0)
    /// zlib's fastest compression (the default for summaries written during training).
    public static let fast = PNGCompression(level: 1)
    /// zlib's smallest output.
    public static let best = PNGCompression(level: 9)
}
