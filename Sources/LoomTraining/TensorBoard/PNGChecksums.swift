/// The two checksums of a PNG file: CRC-32 (ISO 3309, polynomial 0xEDB88320 reflected)
/// over each chunk's type and data, and Adler-32 at the end of the zlib stream.
enum PNGChecksums {
    static let crcTable: [UInt32] = (0..<256).map { byte in
        var crc = UInt32(byte)
        for _ in 0..<8 { crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        return crc
    }

    /// CRC-32 continued from `crc` (start with 0) over `bytes`.
    static func crc32<C: Sequence>(_ bytes: C, continuing crc: UInt32 = 0) -> UInt32 where C.Element == UInt8 {
        var value = ~crc
        crcTable.withUnsafeBufferPointer { table in
            for byte in bytes { value = (value >> 8) ^ table[Int((value ^ UInt32(byte)) & 0xFF)] }
        }
        return ~value
    }

    /// Adler-32 of `bytes` (RFC 1950).
    static func adler32(_ bytes: [UInt8]) -> UInt32 {
        var a: UInt32 = 1
        var b: UInt32 = 0
        var index = 0
        while index < bytes.count {
            // 5552 is the largest run for which b cannot overflow 32 bits before the modulo.
            let end = Swift.min(index + 5552, bytes.count)
            while index < end {
                a &+= UInt32(bytes[index])
                b &+= a
                index += 1
            }
            a %= 65521
            b %= 65521
        }
        return b << 16 | a
    }
}
