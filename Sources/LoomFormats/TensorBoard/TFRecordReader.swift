import Foundation

/// Reads the records of a TFRecord file (a TensorBoard event file), checking both CRCs
/// of every record.
///
/// Iterate with ``next()``: it returns each payload in order, nil at a clean end of
/// file, and throws ``TFRecordError`` (naming the byte offset of the bad record) at a
/// corrupt or truncated record.
public struct TFRecordReader: Sendable {
    /// The whole file.
    public let bytes: [UInt8]
    /// Where the file came from, for error messages.
    public let source: String
    /// Byte offset of the next record.
    public private(set) var offset = 0

    /// Reads records from bytes already in memory.
    /// - Parameters:
    ///   - bytes: the file's contents.
    ///   - source: a name for error messages (usually the path).
    public init(bytes: [UInt8], source: String = "<memory>") {
        self.bytes = bytes
        self.source = source
    }

    /// Reads the whole file at `url`.
    /// - Throws: ``TFRecordError/unreadable(path:reason:)`` if the file cannot be read.
    public init(contentsOf url: URL) throws(TFRecordError) {
        do {
            self.init(bytes: [UInt8](try Data(contentsOf: url)), source: url.path)
        } catch {
            throw .unreadable(path: url.path, reason: error.localizedDescription)
        }
    }

    /// The next record's payload, or nil at the end of the file.
    /// - Throws: ``TFRecordError`` for a truncated record or a CRC mismatch; the reader
    ///   does not advance past a bad record.
    public mutating func next() throws(TFRecordError) -> [UInt8]? {
        let remaining = bytes.count - offset
        if remaining == 0 { return nil }
        guard remaining >= 12 else {
            throw .truncated(path: source, offset: offset, needed: 12, available: remaining)
        }
        let (length, lengthCRC, computed) = bytes.withUnsafeBytes { raw in
            let header = UnsafeRawBufferPointer(rebasing: raw[offset..<offset + 8])
            return (raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self).littleEndian,
                    raw.loadUnaligned(fromByteOffset: offset + 8, as: UInt32.self).littleEndian,
                    CRC32C.maskedChecksum(header))
        }
        guard lengthCRC == computed else {
            throw .corruptLength(path: source, offset: offset)
        }
        guard remaining >= TFRecord.overhead, length <= UInt64(remaining - TFRecord.overhead) else {
            let needed = Int(clamping: length).addingReportingOverflow(TFRecord.overhead)
            throw .truncated(path: source, offset: offset, needed: needed.overflow ? Int.max : needed.partialValue, available: remaining)
        }
        let start = offset + 12
        let end = start + Int(length)
        let (payloadCRC, computedPayload) = bytes.withUnsafeBytes { raw in
            (raw.loadUnaligned(fromByteOffset: end, as: UInt32.self).littleEndian,
             CRC32C.maskedChecksum(UnsafeRawBufferPointer(rebasing: raw[start..<end])))
        }
        guard payloadCRC == computedPayload else {
            throw .corruptPayload(path: source, offset: offset)
        }
        offset = end + 4
        return Array(bytes[start..<end])
    }
}

/// A TFRecord (event) file could not be read; each case names the file and the byte
/// offset of the record that is bad.
public enum TFRecordError: Error, Equatable, CustomStringConvertible {
    /// The file could not be opened or read.
    case unreadable(path: String, reason: String)
    /// The record at `offset` is cut short: it needs `needed` bytes, the file has `available`.
    case truncated(path: String, offset: Int, needed: Int, available: Int)
    /// The CRC of the record's length field at `offset` does not match.
    case corruptLength(path: String, offset: Int)
    /// The CRC of the record's payload (record starting at `offset`) does not match.
    case corruptPayload(path: String, offset: Int)
    /// The record at `offset` passed its CRCs but is not a valid `Event` message.
    case malformedEvent(path: String, offset: Int, reason: String)

    /// Byte offset of the bad record (nil for an unreadable file).
    public var offset: Int? {
        switch self {
        case .unreadable: return nil
        case let .truncated(_, offset, _, _), let .corruptLength(_, offset), let .corruptPayload(_, offset),
             let .malformedEvent(_, offset, _):
            return offset
        }
    }

    /// What went wrong and what to do, for logs and error output.
    public var description: String {
        switch self {
        case let .unreadable(path, reason):
            return "cannot read event file '\(path)': \(reason)"
        case let .truncated(path, offset, needed, available):
            return "event file '\(path)' is truncated at byte \(offset): the record needs \(needed) bytes, only \(available) remain (the writer was probably stopped mid-write; the records before it are intact)"
        case let .corruptLength(path, offset):
            return "event file '\(path)' is corrupt at byte \(offset): the record length's CRC-32C does not match; the records before it are intact"
        case let .corruptPayload(path, offset):
            return "event file '\(path)' is corrupt at byte \(offset): the record payload's CRC-32C does not match; the records before it are intact"
        case let .malformedEvent(path, offset, reason):
            return "event file '\(path)' has a record at byte \(offset) that is not a TensorBoard Event: \(reason)"
        }
    }
}
