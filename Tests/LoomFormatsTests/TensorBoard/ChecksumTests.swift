import Testing
@testable import LoomFormats

@Suite struct ChecksumTests {
    @Test func crc32cKnownVectors() {
        #expect(CRC32C.checksum(Array("123456789".utf8)) == 0xE306_9283)
        #expect(CRC32C.checksum([UInt8]()) == 0)
        #expect(CRC32C.checksum([UInt8](repeating: 0, count: 32)) == 0x8A91_36AA)
        #expect(CRC32C.checksum([UInt8](repeating: 0xFF, count: 32)) == 0x62A8_AB43)
        // Lengths that exercise the 8-byte slices and the byte tail together.
        let bytes = (0..<100).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
        for count in [1, 7, 8, 9, 15, 16, 17, 63, 100] {
            #expect(CRC32C.checksum(Array(bytes[0..<count])) == bytewiseCRC32C(Array(bytes[0..<count])))
        }
    }

    @Test func maskedCRC() {
        #expect(CRC32C.mask(0) == 0xA282_EAD8)
        #expect(CRC32C.mask(0xE306_9283) == ((0xE306_9283 >> 15 | 0xE306_9283 << 17) & 0xFFFF_FFFF) &+ 0xA282_EAD8)
        #expect(CRC32C.mask(0x0000_8000) == 0xA282_EAD9)
        #expect(CRC32C.mask(0x0000_0001) == 0xA282_EAD8 &+ 0x0002_0000)
    }

    @Test func pngChunkCRC32() {
        #expect(CRC32.checksum(Array("IEND".utf8)) == 0xAE42_6082)
    }

    private func bytewiseCRC32C(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 != 0 ? (crc >> 1) ^ 0x82F6_3B78 : crc >> 1 }
        }
        return ~crc
    }
}
