/// TFRecord framing, the container of TensorBoard event files: for each record,
/// `u64le length | u32le masked CRC-32C of the 8 length bytes | payload |
/// u32le masked CRC-32C of the payload`.
public enum TFRecord {
    /// Bytes of framing around each payload: 8 (length) + 4 + 4 (CRCs).
    public static let overhead = 16

    /// Appends the framed `payload` to `buffer`.
    public static func append(_ payload: [UInt8], to buffer: inout [UInt8]) {
        payload.withUnsafeBytes { append(payload: $0, to: &buffer) }
    }

    /// Appends the framed `payload` to `buffer` without intermediate allocations.
    static func append(payload: UnsafeRawBufferPointer, to buffer: inout [UInt8]) {
        withUnsafeBytes(of: UInt64(payload.count).littleEndian) { length in
            buffer.append(contentsOf: length)
            withUnsafeBytes(of: CRC32C.maskedChecksum(length).littleEndian) { buffer.append(contentsOf: $0) }
        }
        buffer.append(contentsOf: payload)
        withUnsafeBytes(of: CRC32C.maskedChecksum(payload).littleEndian) { buffer.append(contentsOf: $0) }
    }

    /// The framed `payload` as a new byte array.
    public static func framed(_ payload: [UInt8]) -> [UInt8] {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(payload.count + overhead)
        append(payload, to: &buffer)
        return buffer
    }
}
