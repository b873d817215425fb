import Foundation
import Testing
@testable import LoomData
import LoomTestSupport

@Suite struct CSVAndNumPyTests {
    @Test func csvWithHeaderAndLabelColumn() throws {
        let text = "a,label,b\r\n1.5,2,3\n-4,0,5e-1\n\n"
        let flow = try CSVFile.parse(Array(text.utf8), file: "d.csv", label: .name("label"))
        #expect(flow.columns == [.floats(shape: [2, 2], values: [1.5, 3, -4, 0.5]), .ints(shape: [2], values: [2, 0])])
        let noHeader = try CSVFile.parse(Array("1,2\n3,4\n".utf8), file: "d.csv", hasHeader: false)
        #expect(noHeader.columns == [.floats(shape: [2, 2], values: [1, 2, 3, 4])])
    }

    @Test func csvErrorsNameTheLine() throws {
        #expect(throws: DatasetReadError.csv(file: "d.csv", line: 3, message: "column 2 ('y'): 'abc' is not a number")) {
            _ = try CSVFile.parse(Array("x,y\n1,2\n3,abc\n".utf8), file: "d.csv")
        }
        #expect(throws: DatasetReadError.csv(file: "d.csv", line: 4, message: "2 fields, expected 3 like the first line")) {
            _ = try CSVFile.parse(Array("x,y,z\n1,2,3\n\n4,5\n".utf8), file: "d.csv")
        }
        #expect(throws: DatasetReadError.csv(file: "d.csv", line: 2, message: "label column 1 ('k'): '1.5' is not an integer")) {
            _ = try CSVFile.parse(Array("k,v\n1.5,2\n".utf8), file: "d.csv", label: .index(0))
        }
        #expect(throws: DatasetReadError.csv(file: "d.csv", line: 1, message: "no column named 'label'; the header has x, y")) {
            _ = try CSVFile.parse(Array("x,y\n1,2\n".utf8), file: "d.csv", label: .name("label"))
        }
    }

    @Test func npyTypesAndVersions() throws {
        let floats: [Float] = [1.5, -2, 3.25, 0, 7, 8]
        let f4 = npy(descr: "<f4", shape: "(2, 3)", data: floats.flatMap { le(UInt64($0.bitPattern), 4) })
        #expect(try NumPyFile.parse(f4, file: "a.npy") == .floats(shape: [2, 3], values: floats))
        let f8 = npy(descr: "<f8", shape: "(3,)", data: [0.5, -1.0, 2.0].flatMap { le($0.bitPattern, 8) }, major: 2)
        #expect(try NumPyFile.parse(f8, file: "a.npy") == .floats(shape: [3], values: [0.5, -1, 2]))
        #expect(try NumPyFile.parse(npy(descr: "|u1", shape: "(2,)", data: [7, 255]), file: "a.npy") == .ints(shape: [2], values: [7, 255]))
        let i8 = npy(descr: "<i8", shape: "()", data: le(UInt64(bitPattern: -5), 8))
        #expect(try NumPyFile.parse(i8, file: "a.npy") == .ints(shape: [], values: [-5]))
        let directory = try TemporaryDirectory()
        let url = try directory.file("x.npy.gz", try systemGzip(f4, in: directory))
        #expect(try NumPyFile.read(url) == .floats(shape: [2, 3], values: floats))
    }

    @Test func npyCorruptFiles() throws {
        let good = npy(descr: "<f4", shape: "(2,)", data: [UInt8](repeating: 0, count: 8))
        #expect(throws: DatasetReadError.wrongSize(file: "a.npy", expectedBytes: good.count, foundBytes: good.count - 3)) {
            _ = try NumPyFile.parse(Array(good.dropLast(3)), file: "a.npy")
        }
        var badMagic = good
        badMagic[1] = 0x41
        #expect(throws: DatasetReadError.badMagic(file: "a.npy", expected: "934e554d5059 (\\x93NUMPY)", found: "9341554d5059")) {
            _ = try NumPyFile.parse(badMagic, file: "a.npy")
        }
        #expect(throws: DatasetReadError.unsupportedType(file: "a.npy", found: "'>f4'", supported: NumPyFile.supported)) {
            _ = try NumPyFile.parse(npy(descr: ">f4", shape: "(0,)", data: []), file: "a.npy")
        }
        #expect(throws: DatasetReadError.self) {
            _ = try NumPyFile.parse(npy(descr: "<f4", shape: "(1,)", data: [0, 0, 0, 0], fortran: true), file: "a.npy")
        }
        let overflow = npy(descr: "<i8", shape: "(1,)", data: le(1 << 40, 8))
        #expect(throws: DatasetReadError.shapeMismatch(file: "a.npy", what: "element 0", expected: "a value that fits in Int32", found: "\(1 << 40)")) {
            _ = try NumPyFile.parse(overflow, file: "a.npy")
        }
    }
}
