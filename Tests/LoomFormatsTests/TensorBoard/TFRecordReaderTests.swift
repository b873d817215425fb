import Foundation
import Testing
@testable import LoomFormats
import LoomTestSupport

@Suite struct TFRecordReaderTests {
    /// Three scalar events framed back to back, and the offset of each record.
    static func file() -> (bytes: [UInt8], offsets: [Int]) {
        var bytes: [UInt8] = []
        var offsets: [Int] = []
        for step in 1...3 {
            offsets.append(bytes.count)
            let event = TensorBoardEvent(wallTime: Double(step), step: Int64(step),
                                         values: [TensorBoardSummaryValue(tag: "loss", value: .scalar(Float(step)))])
            TFRecord.append(event.encoded(), to: &bytes)
        }
        return (bytes, offsets)
    }

    /// Found by the fuzzer: a length near 2^64 with a valid length CRC overflowed while the
    /// error was built; it is a truncated record.
    @Test func aHugeLengthWithAValidChecksumIsTruncated() {
        let bytes: [UInt8] = [0x00, 0x12, 0x9B, 0xD8, 0x2D, 0x09, 0x00, 0xD8, 0x9A, 0x1B, 0x33, 0x76, 0x00, 0x11]
        var reader = TFRecordReader(bytes: bytes)
        #expect(throws: TFRecordError.truncated(path: "<memory>", offset: 0, needed: Int.max, available: 14)) { _ = try reader.next() }
    }

    @Test func framingIsExact() {
        let framed = TFRecord.framed([0x61])
        let lengthCRC = [UInt8](repeating: 0, count: 0) + [1, 0, 0, 0, 0, 0, 0, 0]
        #expect(Array(framed[0..<8]) == lengthCRC)
        let masked = CRC32C.mask(CRC32C.checksum(lengthCRC))
        #expect(Array(framed[8..<12]) == [UInt8(masked & 0xFF), UInt8(masked >> 8 & 0xFF), UInt8(masked >> 16 & 0xFF), UInt8(masked >> 24)])
        #expect(framed[12] == 0x61)
        let payloadMasked = CRC32C.mask(CRC32C.checksum([0x61]))
        #expect(Array(framed[13..<17]) == [UInt8(payloadMasked & 0xFF), UInt8(payloadMasked >> 8 & 0xFF),
                                           UInt8(payloadMasked >> 16 & 0xFF), UInt8(payloadMasked >> 24)])
    }

    @Test func flippedPayloadByteIsReportedAtItsRecord() throws {
        var (bytes, offsets) = Self.file()
        bytes[offsets[1] + 14] ^= 0x40
        var reader = TensorBoardEventReader(bytes: bytes, source: "run/events")
        #expect(try reader.next()?.step == 1)
        #expect(throws: TFRecordError.corruptPayload(path: "run/events", offset: offsets[1])) { try reader.next() }
    }

    @Test func flippedLengthByteIsReportedAtItsRecord() throws {
        var (bytes, offsets) = Self.file()
        bytes[offsets[2] + 1] ^= 0x01
        var reader = TFRecordReader(bytes: bytes, source: "f")
        #expect(try reader.next() != nil)
        #expect(try reader.next() != nil)
        #expect(throws: TFRecordError.corruptLength(path: "f", offset: offsets[2])) { try reader.next() }
    }

    @Test func truncatedFileIsReportedAtTheCutRecord() throws {
        let (bytes, offsets) = Self.file()
        let dir = try TemporaryDirectory()
        let url = dir.url.appendingPathComponent("events.out.tfevents.1.host")
        for cut in [offsets[2] + 5, offsets[2] + 12, bytes.count - 1] {
            try Data(bytes[0..<cut]).write(to: url)
            var reader = try TFRecordReader(contentsOf: url)
            #expect(try reader.next() != nil)
            #expect(try reader.next() != nil)
            #expect {
                try reader.next()
            } throws: { error in
                guard let error = error as? TFRecordError, case let .truncated(path, offset, _, available) = error else { return false }
                return path == url.path && offset == offsets[2] && available == cut - offsets[2]
                    && error.description.contains("truncated at byte \(offsets[2])")
            }
        }
    }

    @Test func cleanEndAndMissingFile() throws {
        var reader = TFRecordReader(bytes: [])
        #expect(try reader.next() == nil)
        #expect {
            _ = try TFRecordReader(contentsOf: URL(fileURLWithPath: "/nonexistent/events"))
        } throws: { error in
            guard let error = error as? TFRecordError, case let .unreadable(path, _) = error else { return false }
            return path == "/nonexistent/events"
        }
    }

    @Test func garbageWithValidCRCIsAMalformedEvent() throws {
        var bytes: [UInt8] = []
        TFRecord.append([0x0F, 0xFF], to: &bytes)  // field 1 with wire type 7 does not exist
        var reader = TensorBoardEventReader(bytes: bytes, source: "g")
        #expect {
            try reader.next()
        } throws: { error in
            guard let error = error as? TFRecordError, case .malformedEvent(path: "g", offset: 0, _) = error else { return false }
            return true
        }
    }
}
