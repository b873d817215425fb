/// TFRecord framing, the container of TensorBoard event files: for each record,
/// `u64le length | u32le masked CRC-32C of the 8 length bytes | payload |
/// u32le masked CRC-32C of the payload`.
public enum TFRecord {
    /// Bytes of framing around each payload: 8 (length) + 4 + 4 (CRCs).
    public static let overhead = 16

    /// Appends the framed `payload` to `buffer`.
    public static func append(_ payload: [UInt8], to buffer: inout [UInt8]) {
        var header = [UInt8](repeating: 0, count: 12)
        header.withUnsafeMutableBytes { raw in
            raw.storeBytes(of: UInt64(payload.count).littleEndian, toByteOffset: 0, as: UInt64.self)
            let lengthCRC = CRC32C.maskedChecksum(UnsafeRawBufferPointer(rebasing: raw[0..<8]))
            raw.storeBytes(of: lengthCRC.littleEndian, toByteOffset: 8, as: UInt32.self)
        }
        buffer.append(contentsOf: header)
        buffer.append(contentsOf: payload)
        let payloadCRC = payload.withUnsafeBytes { CRC32C.maskedChecksum($0) }
        withUnsafeBytes(of: payloadCRC.littleEndian) { buffer.append(contentsOf: $0) }
    }

    /// The framed `payload` as a new byte array.
    public static func framed(_ payload: [UInt8]) -> [UInt8] {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(payload.count + overhead)
        append(payload, to: &buffer)
        return buffer
    }
}
