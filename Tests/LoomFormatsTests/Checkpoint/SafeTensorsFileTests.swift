import Foundation
import Testing
@testable import LoomFormats
import LoomTestSupport

@Suite struct SafeTensorsFileTests {
    @Test func smallFileHasExactBytes() throws {
        let file = SafeTensorsFile(tensors: [NamedArray(name: "a", shape: [2], values: [1, 2])], metadata: ["k": "v"])
        let header = #"{"__metadata__":{"k":"v"},"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}"#
        var expected: [UInt8] = [80, 0, 0, 0, 0, 0, 0, 0] + Array(header.utf8) + [0x20]
        expected += [0x00, 0x00, 0x80, 0x3F, 0x00, 0x00, 0x00, 0x40]
        #expect([UInt8](try file.encoded()) == expected)
        #expect(expected.count == 96)
        let dir = try TemporaryDirectory()
        let url = dir.url.appendingPathComponent("small.safetensors")
        try file.write(to: url)  // the streamed writer produces the same bytes
        #expect([UInt8](try Data(contentsOf: url)) == expected)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.url.path) == ["small.safetensors"])
    }

    @Test func roundTripIsBitIdenticalWithSlashNamesAndSortedLayout() throws {
        let odd: [Float] = [.pi, -0.0, .leastNonzeroMagnitude, .greatestFiniteMagnitude, .infinity, 1e-20]
        let tensors = [
            NamedArray(name: "z/last", shape: [3, 2], values: odd),
            NamedArray(name: "conv1/W", shape: [1, 1, 1, 3], values: [1, 2, 3]),
            NamedArray(name: "scalar", shape: [], values: [42]),
            NamedArray(name: "empty", shape: [0, 4], values: []),
        ]
        let metadata = ["note": "quote \" backslash \\ newline \n é", "loom.x": "{}"]
        let data = try SafeTensorsFile(tensors: tensors, metadata: metadata).encoded()
        let read = try SafeTensorsFile.decode(data, path: "/tmp/x.safetensors")
        #expect(read.metadata == metadata)
        #expect(read.tensors.map(\.name) == ["conv1/W", "empty", "scalar", "z/last"])
        for tensor in tensors {
            let back = try #require(read.tensors.first { $0.name == tensor.name })
            #expect(back.shape == tensor.shape)
            #expect(back.values.map(\.bitPattern) == tensor.values.map(\.bitPattern))
        }
        let header = try SafeTensorsHeader.parse(data, path: "x")
        #expect(header.dataStart % 8 == 0)
        #expect(header.entries.map(\.name) == ["conv1/W", "empty", "scalar", "z/last"])
        #expect(header.entries.map(\.dataOffsets) == [0..<12, 12..<12, 12..<16, 16..<40])
    }

    @Test func nanPayloadSurvives() throws {
        let nan = Float(bitPattern: 0x7FC0_1234)
        let data = try SafeTensorsFile(tensors: [NamedArray(name: "n", shape: [1], values: [nan])]).encoded()
        #expect(try SafeTensorsFile.decode(data, path: "n").tensors[0].values[0].bitPattern == 0x7FC0_1234)
    }

    @Test func duplicateNamesOnWriteAreRejected() {
        let file = SafeTensorsFile(tensors: [NamedArray(name: "a", shape: [], values: [1]), NamedArray(name: "a", shape: [], values: [2])])
        let error = caught(SafeTensorsError.self) { _ = try file.encoded(path: "/d/model-1.safetensors") }
        #expect(error?.description == "cannot write checkpoint 'model-1.safetensors': two arrays are named 'a'; names must be unique")
    }

    @Test func otherDTypesAreConvertedToFloat() throws {
        func file(_ dtype: String, _ shape: [Int], _ bytes: [UInt8]) -> Data {
            var header = Array("{\"t\":{\"dtype\":\"\(dtype)\",\"shape\":\(shape),\"data_offsets\":[0,\(bytes.count)]}}".utf8)
            while header.count % 8 != 0 { header.append(0x20) }
            return Data(withUnsafeBytes(of: UInt64(header.count).littleEndian, Array.init) + header + bytes)
        }
        func values(_ data: Data) throws -> [Float] { try SafeTensorsFile.decode(data, path: "t").tensors[0].values }
        #expect(try values(file("F16", [3], [0x00, 0x3C, 0x00, 0xC0, 0x01, 0x00])) == [1, -2, 0x1p-24])
        #expect(try values(file("BF16", [1], [0x80, 0x3F])) == [1])
        #expect(try values(file("F64", [1], Array(withUnsafeBytes(of: (0.5).bitPattern.littleEndian, Array.init)))) == [0.5])
        #expect(try values(file("I64", [], Array(withUnsafeBytes(of: Int64(-7).littleEndian, Array.init)))) == [-7])
        #expect(try values(file("U8", [2], [0, 255])) == [0, 255])
        #expect(try values(file("BOOL", [2], [0, 3])) == [0, 1])
    }
}
