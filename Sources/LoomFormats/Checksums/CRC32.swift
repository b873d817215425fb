import CLoomZlib

/// CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320), as gzip, zip and PNG store it,
/// computed by the system zlib.
public enum CRC32 {
    /// The checksum of `bytes`, continued from `crc` (0 to start); `checksum("123456789") == 0xCBF43926`.
    /// - Parameters:
    ///   - bytes: The data.
    ///   - crc: The checksum of the data before `bytes`, or 0.
    /// - Returns: The CRC-32.
    public static func checksum(_ bytes: [UInt8], continuing crc: UInt32 = 0) -> UInt32 {
        bytes.withUnsafeBufferPointer { buffer in
            UInt32(crc32(uLong(crc), buffer.baseAddress, uInt(buffer.count)))
        }
    }
}
