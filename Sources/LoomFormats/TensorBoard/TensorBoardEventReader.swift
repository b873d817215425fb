import Foundation

/// Reads a TensorBoard event file back into ``TensorBoardEvent``s, checking every
/// record's CRCs: for Loom's tests and for commands that summarise a run.
///
/// ```swift
/// var reader = try TensorBoardEventReader(contentsOf: url)
/// while let event = try reader.next() { ... }
/// ```
public struct TensorBoardEventReader: Sendable {
    private var records: TFRecordReader

    /// Reads the event file at `url`.
    /// - Throws: ``TFRecordError/unreadable(path:reason:)``.
    public init(contentsOf url: URL) throws(TFRecordError) {
        records = try TFRecordReader(contentsOf: url)
    }

    /// Reads events from bytes already in memory.
    public init(bytes: [UInt8], source: String = "<memory>") {
        records = TFRecordReader(bytes: bytes, source: source)
    }

    /// The next event, or nil at the end of the file.
    /// - Throws: ``TFRecordError`` naming the byte offset of a corrupt, truncated or
    ///   malformed record.
    public mutating func next() throws(TFRecordError) -> TensorBoardEvent? {
        let offset = records.offset
        guard let payload = try records.next() else { return nil }
        do {
            return try TensorBoardEvent(decoding: payload[...])
        } catch {
            throw .malformedEvent(path: records.source, offset: offset, reason: error.reason)
        }
    }

    /// Every event of the file at `url`.
    /// - Throws: ``TFRecordError`` at the first bad record.
    public static func events(at url: URL) throws(TFRecordError) -> [TensorBoardEvent] {
        var reader = try TensorBoardEventReader(contentsOf: url)
        var events: [TensorBoardEvent] = []
        while let event = try reader.next() { events.append(event) }
        return events
    }

    /// Every summary value of the file at `url`, flattened with its event's time and step.
    /// - Throws: ``TFRecordError`` at the first bad record.
    public static func values(at url: URL) throws(TFRecordError) -> [TensorBoardRecordedValue] {
        try events(at: url).flatMap { event in
            event.values.map { TensorBoardRecordedValue(wallTime: event.wallTime, step: event.step, tag: $0.tag, value: $0.value) }
        }
    }
}

/// One summary value read back from an event file, with its event's wall time and step.
public struct TensorBoardRecordedValue: Sendable, Equatable {
    /// Seconds since 1970.
    public var wallTime: Double
    /// Training step.
    public var step: Int64
    /// Series name.
    public var tag: String
    /// The value; ``TensorBoardValue/kind`` names its kind.
    public var value: TensorBoardValue

    /// Creates a recorded value.
    public init(wallTime: Double, step: Int64, tag: String, value: TensorBoardValue) {
        self.wallTime = wallTime
        self.step = step
        self.tag = tag
        self.value = value
    }
}
