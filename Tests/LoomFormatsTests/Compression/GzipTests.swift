import Foundation
import Testing
import LoomTestSupport
@testable import LoomFormats

@Suite struct GzipTests {
    @Test func crc32MatchesTheCheckValue() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(CRC32.checksum(Array("6789".utf8), continuing: CRC32.checksum(Array("12345".utf8))) == 0xCBF4_3926)
    }

    @Test func storedBlockWrittenByHand() throws {
        let payload = Array("hello, loom".utf8)
        #expect(try Gzip.decompress(storedGzip(payload, crc: CRC32.checksum(payload))) == payload)
    }

    @Test func realCompressedDataRoundTrips() throws {
        let directory = try TemporaryDirectory()
        var state: UInt64 = 1
        var payload: [UInt8] = []
        for k in 0..<150_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            payload.append(k % 7 == 0 ? UInt8(truncatingIfNeeded: state >> 56) : UInt8(truncatingIfNeeded: k / 100 + Int(state >> 62)))
        }
        payload += [UInt8](repeating: 42, count: 70_000)
        let compressed = try systemGzip(payload, in: directory)
        #expect(compressed.count < payload.count / 2)
        #expect(try Gzip.decompress(compressed) == payload)
        #expect(try Gzip.decompress(compressed + compressed) == payload + payload, "multi-member")
        #expect(try Gzip.decompress(compressed + [0, 0, 0, 0]) == payload, "zero padding after the last member")
    }

    @Test func badChecksumSizeAndTruncationAreTypedErrors() throws {
        let payload = Array("abcdef".utf8)
        let crc = CRC32.checksum(payload)
        #expect(throws: GzipError.corrupt(reason: "the CRC-32 of the data does not match (incorrect data check)")) {
            _ = try Gzip.decompress(storedGzip(payload, crc: crc ^ 1))
        }
        var wrongSize = storedGzip(payload, crc: crc)
        wrongSize[wrongSize.count - 4] = 9
        #expect(throws: GzipError.corrupt(reason: "the size of the data does not match (incorrect length check)")) {
            _ = try Gzip.decompress(wrongSize)
        }
        let directory = try TemporaryDirectory()
        let real = try systemGzip((0..<5000).map { UInt8($0 % 251) }, in: directory)
        #expect(throws: GzipError.self) { _ = try Gzip.decompress(Array(real[..<(real.count / 2)])) }
        #expect(throws: GzipError.self) { _ = try Gzip.decompress(Array(real[..<(real.count - 3)])) }
        #expect(throws: GzipError.notGzip(found: "504b")) { _ = try Gzip.decompress(Array("PK\u{3}\u{4}".utf8)) }
        #expect(throws: GzipError.self) { _ = try Gzip.decompress(real + [7, 7, 7]) }
    }

    @Test func truncationSaysHowMuchWasRead() throws {
        let directory = try TemporaryDirectory()
        let real = try systemGzip((0..<50_000).map { UInt8($0 % 251) }, in: directory)
        guard case let .truncated(count)? = caught(GzipError.self, { _ = try Gzip.decompress(Array(real[..<(real.count - 3)])) }) else {
            Issue.record("a gzip file cut in its trailer must be reported as truncated")
            return
        }
        #expect(count == 50_000)
    }
}

/// Little-endian bytes of a fixed width.
private func le(_ value: UInt64, _ width: Int) -> [UInt8] { (0..<width).map { UInt8((value >> UInt64(8 * $0)) & 0xFF) } }

/// A gzip file holding `payload` in one stored (uncompressed) deflate block, written by hand.
func storedGzip(_ payload: [UInt8], crc: UInt32) -> [UInt8] {
    var bytes: [UInt8] = [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 255]
    bytes += [1] + le(UInt64(payload.count), 2) + le(UInt64(~payload.count & 0xFFFF), 2) + payload
    return bytes + le(UInt64(crc), 4) + le(UInt64(payload.count), 4)
}
