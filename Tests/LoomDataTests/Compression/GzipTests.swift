import Foundation
import Testing
@testable import LoomData

@Suite struct GzipTests {
    @Test func crc32MatchesTheCheckValue() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
    }

    @Test func storedBlockWrittenByHand() throws {
        let payload = Array("hello, loom".utf8)
        #expect(try Gzip.decompress(storedGzip(payload, crc: CRC32.checksum(payload)), file: "s.gz") == payload)
    }

    @Test func realCompressedDataRoundTrips() throws {
        let directory = try TemporaryDirectory()
        var rng = SeededGenerator(seed: 1)
        var payload: [UInt8] = []
        for k in 0..<150_000 { payload.append(k % 7 == 0 ? UInt8(rng.below(256)) : UInt8(truncatingIfNeeded: k / 100 + rng.below(4))) }
        payload += [UInt8](repeating: 42, count: 70_000)
        let compressed = try systemGzip(payload, in: directory)
        #expect(compressed.count < payload.count / 2)
        #expect(try Gzip.decompress(compressed, file: "p.gz") == payload)
        #expect(try Gzip.decompress(compressed + compressed, file: "p.gz") == payload + payload, "multi-member")
    }

    @Test func badChecksumSizeAndTruncationAreTypedErrors() throws {
        let payload = Array("abcdef".utf8)
        let crc = CRC32.checksum(payload)
        var wrongCRC = storedGzip(payload, crc: crc ^ 1)
        #expect(throws: DatasetReadError.gzipChecksum(file: "x.gz", what: "CRC-32", expected: crc ^ 1, found: crc)) {
            _ = try Gzip.decompress(wrongCRC, file: "x.gz")
        }
        wrongCRC = storedGzip(payload, crc: crc)
        wrongCRC[wrongCRC.count - 4] = 9
        #expect(throws: DatasetReadError.gzipChecksum(file: "x.gz", what: "size", expected: 9, found: 6)) {
            _ = try Gzip.decompress(wrongCRC, file: "x.gz")
        }
        let directory = try TemporaryDirectory()
        let real = try systemGzip((0..<5000).map { UInt8($0 % 251) }, in: directory)
        #expect(throws: DatasetReadError.corruptGzip(file: "t.gz", reason: "unexpected end of compressed data")) {
            _ = try Gzip.decompress(Array(real[..<(real.count / 2)]), file: "t.gz")
        }
        #expect(throws: DatasetReadError.corruptGzip(file: "t.gz", reason: "missing the 8-byte trailer (CRC-32 and size): the file is truncated")) {
            _ = try Gzip.decompress(Array(real[..<(real.count - 3)]), file: "t.gz")
        }
    }
}
