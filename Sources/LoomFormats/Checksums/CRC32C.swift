import CLoomChecksums

/// CRC-32C (Castagnoli), the checksum of TFRecord framing, and TFRecord's masked form.
///
/// Polynomial 0x82F63B78 (reflected), initial value and final xor 0xFFFFFFFF:
/// `checksum("123456789") == 0xE3069283`. With the processor's CRC-32C instructions
/// (SSE 4.2 on x86-64, the CRC extension on arm64) where present, else table-driven,
/// slicing by 8 bytes.
public enum CRC32C {
    /// Whether this processor's CRC-32C instructions are used.
    public static let usesHardware = loom_crc32c_hardware_available() != 0

    /// Eight 256-entry tables: `tables[0]` is the classic byte table, `tables[k]` advances
    /// a byte that is followed by `k` more bytes.
    static let tables: [UInt32] = {
        var table = [UInt32](repeating: 0, count: 8 * 256)
        for byte in 0..<256 {
            var crc = UInt32(byte)
            for _ in 0..<8 { crc = (crc & 1) != 0 ? (crc >> 1) ^ 0x82F6_3B78 : crc >> 1 }
            table[byte] = crc
        }
        for slice in 1..<8 {
            for byte in 0..<256 {
                let previous = table[(slice - 1) * 256 + byte]
                table[slice * 256 + byte] = (previous >> 8) ^ table[Int(previous & 0xFF)]
            }
        }
        return table
    }()

    /// The CRC-32C of `bytes`.
    public static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        guard usesHardware else { return portableChecksum(bytes) }
        return ~loom_crc32c_hardware(0xFFFF_FFFF, bytes.baseAddress, bytes.count)
    }

    /// The CRC-32C of `bytes` computed without CRC instructions (slicing by 8).
    static func portableChecksum(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        tables.withUnsafeBufferPointer { t in
            var index = 0
            let count = bytes.count
            while index &+ 8 <= count {
                let low = bytes.loadUnaligned(fromByteOffset: index, as: UInt32.self).littleEndian ^ crc
                let high = bytes.loadUnaligned(fromByteOffset: index &+ 4, as: UInt32.self).littleEndian
                crc = t[7 * 256 + Int(low & 0xFF)] ^ t[6 * 256 + Int((low >> 8) & 0xFF)]
                    ^ t[5 * 256 + Int((low >> 16) & 0xFF)] ^ t[4 * 256 + Int(low >> 24)]
                    ^ t[3 * 256 + Int(high & 0xFF)] ^ t[2 * 256 + Int((high >> 8) & 0xFF)]
                    ^ t[1 * 256 + Int((high >> 16) & 0xFF)] ^ t[Int(high >> 24)]
                index &+= 8
            }
            while index < count {
                crc = (crc >> 8) ^ t[Int((crc ^ UInt32(bytes[index])) & 0xFF)]
                index &+= 1
            }
        }
        return ~crc
    }

    /// The CRC-32C of a byte array.
    public static func checksum(_ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBytes { checksum($0) }
    }

    /// TFRecord's masked CRC: `((crc >> 15) | (crc << 17)) &+ 0xA282EAD8`. Masking keeps a
    /// CRC stored inside checksummed data from checksumming to a fixed value.
    public static func mask(_ crc: UInt32) -> UInt32 {
        ((crc >> 15) | (crc << 17)) &+ 0xA282_EAD8
    }

    /// The masked CRC-32C of `bytes`, as stored in TFRecord framing.
    public static func maskedChecksum(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        mask(checksum(bytes))
    }
}
