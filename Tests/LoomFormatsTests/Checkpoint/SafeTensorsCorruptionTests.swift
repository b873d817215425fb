import Foundation
import Testing
@testable import LoomFormats
import LoomTestSupport

/// Every way a file can be corrupt gives a typed error with the documented message.
@Suite struct SafeTensorsCorruptionTests {
    let path = "/run/model-300.safetensors"

    /// u64le length | header padded to 8 | `dataBytes` bytes of data.
    func file(_ header: String, dataBytes: Int, declared: UInt64? = nil) -> Data {
        var json = Array(header.utf8)
        while json.count % 8 != 0 { json.append(0x20) }
        let length = declared ?? UInt64(json.count)
        return Data(withUnsafeBytes(of: length.littleEndian, Array.init) + json + [UInt8](repeating: 7, count: dataBytes))
    }

    func tensor(_ name: String, _ shape: [Int], _ begin: Int, _ end: Int, dtype: String = "F32") -> String {
        "\"\(name)\":{\"dtype\":\"\(dtype)\",\"shape\":\(shape),\"data_offsets\":[\(begin),\(end)]}"
    }

    func message(_ data: Data) -> String? {
        caught(SafeTensorsError.self) { _ = try SafeTensorsFile.decode(data, path: path) }?.description
    }

    var twoTensors: String { "{" + tensor("a", [2], 0, 8) + "," + tensor("b", [2], 8, 16) + "}" }

    @Test func validFileDecodes() throws {
        #expect(try SafeTensorsFile.decode(file(twoTensors, dataBytes: 16), path: path).tensors.count == 2)
    }

    @Test func emptyAndTooShortFiles() {
        #expect(message(Data()) == "checkpoint 'model-300.safetensors' is empty (0 bytes); it was probably cut short by a crash or a full disk")
        #expect(message(Data([1, 2, 3, 4, 5])) == "checkpoint 'model-300.safetensors' is truncated: it has 5 bytes, fewer than the 8-byte header length")
    }

    @Test func truncatedHeader() {
        let whole = file(twoTensors, dataBytes: 16)
        #expect(message(whole.prefix(18)) == "checkpoint 'model-300.safetensors' is truncated: the header says 112 header bytes, the file has 10")
    }

    @Test func hugeHeaderLength() {
        let data = file(twoTensors, dataBytes: 16, declared: 1 << 40)
        #expect(message(data) == "checkpoint 'model-300.safetensors' has a bad header: the header length is 1,099,511,627,776 bytes but the file has 136; it is not a safetensors file or is corrupt")
    }

    @Test func badJSON() {
        #expect(message(file(#"{"a":{"dtype":"F32",}}"#, dataBytes: 0)) == "checkpoint 'model-300.safetensors' has a bad header: the JSON is malformed at byte 20: expected a quoted member name")
        #expect(message(file("", dataBytes: 0)) == "checkpoint 'model-300.safetensors' has a bad header: the JSON is malformed at byte 0: unexpected end of text, expected a value")
        #expect(message(file("[1]", dataBytes: 0)) == "checkpoint 'model-300.safetensors' has a bad header: the JSON is not an object")
    }

    @Test func offsetsOutOfBoundsOverlappingOrWithGaps() {
        let outside = "{" + tensor("a", [2], 0, 8) + "," + tensor("b", [2], 1000, 1008) + "}"
        #expect(message(file(outside, dataBytes: 16)) == "checkpoint 'model-300.safetensors' has a bad header: tensor 'b' has data_offsets [1000, 1008] beyond the 16 data bytes in the file")
        let overlapping = "{" + tensor("a", [2], 0, 8) + "," + tensor("b", [2], 4, 12) + "}"
        #expect(message(file(overlapping, dataBytes: 12)) == "checkpoint 'model-300.safetensors' has a bad header: the bytes of tensor 'b' overlap those of 'a'")
        let gap = "{" + tensor("a", [2], 0, 8) + "," + tensor("b", [1], 12, 16) + "}"
        #expect(message(file(gap, dataBytes: 16)) == "checkpoint 'model-300.safetensors' has a bad header: tensor 'b' begins at byte 12 of the data, expected 8 (tensors must be contiguous)")
        let backwards = "{" + tensor("a", [0], 8, 0) + "}"
        #expect(message(file(backwards, dataBytes: 8)) == "checkpoint 'model-300.safetensors' has a bad header: tensor 'a' has data_offsets [8, 0], whose end is before its begin")
    }

    @Test func dtypeTimesShapeMismatch() {
        let wrong = "{" + tensor("a", [3], 0, 8) + "}"
        #expect(message(file(wrong, dataBytes: 8)) == "checkpoint 'model-300.safetensors' has a bad header: tensor 'a' (F32, shape [3]) needs 12 bytes but its data_offsets span 8")
    }

    @Test func duplicateNames() {
        let duplicated = "{" + tensor("a", [2], 0, 8) + "," + tensor("a", [2], 8, 16) + "}"
        #expect(message(file(duplicated, dataBytes: 16)) == "checkpoint 'model-300.safetensors' has a bad header: tensor 'a' appears more than once")
    }

    @Test func truncatedAndOverlongData() {
        #expect(message(file(twoTensors, dataBytes: 12)) == "checkpoint 'model-300.safetensors' is truncated: the header says 16 data bytes, the file has 12")
        #expect(message(file(twoTensors, dataBytes: 20)) == "checkpoint 'model-300.safetensors' is corrupt: the header says 16 data bytes, the file has 20")
    }

    @Test func unsupportedDTypeAndBadEntries() {
        let f8 = "{" + tensor("a", [2], 0, 2, dtype: "F8_E4M3") + "}"
        #expect(message(file(f8, dataBytes: 2)) == "checkpoint 'model-300.safetensors': tensor 'a' has dtype 'F8_E4M3', which Loom cannot read (it reads F64, F32, F16, BF16, I64, I32, U32, I16, U16, I8, U8, BOOL)")
        #expect(message(file(#"{"a":{"dtype":"F32","shape":[-1],"data_offsets":[0,0]}}"#, dataBytes: 0)) == "checkpoint 'model-300.safetensors' has a bad header entry for tensor 'a': 'shape' is missing or not a list of non-negative integers")
        #expect(message(file(#"{"__metadata__":{"k":1}}"#, dataBytes: 0)) == "checkpoint 'model-300.safetensors' has bad __metadata__: the value of 'k' is not a string")
    }

    @Test func headerOnlyReadDetectsTruncationFromFileSize() throws {
        let dir = try TemporaryDirectory()
        let url = dir.url.appendingPathComponent("model-300.safetensors")
        try file(twoTensors, dataBytes: 12).write(to: url)
        let error = caught(SafeTensorsError.self) { _ = try SafeTensorsFile.readHeader(contentsOf: url) }
        #expect(error?.problem == .truncatedData(declared: 16, available: 12))
        let missing = dir.url.appendingPathComponent("nope.safetensors")
        let notFound = caught(SafeTensorsError.self) { _ = try SafeTensorsFile.read(contentsOf: missing) }
        #expect(notFound?.description == "cannot read checkpoint 'nope.safetensors' (\(missing.path)): the file does not exist")
    }
}
