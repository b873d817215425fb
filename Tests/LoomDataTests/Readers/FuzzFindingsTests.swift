import Foundation
import Testing
@testable import LoomData

/// Inputs found by `scripts/fuzz` that crashed or misled a reader; each must now give a
/// clear `DatasetReadError`.
@Suite struct FuzzFindingsTests {
    /// The message every overflowing header gets, for `shape`.
    func tooLarge(_ file: String, _ shape: [Int]) -> DatasetReadError {
        .shapeMismatch(
            file: file, what: "the data size of dimensions \(shape)",
            expected: "a size that fits in memory (the header is corrupt; download or write the file again)", found: "more than \(Int.max) bytes"
        )
    }

    /// IDX dimensions whose product overflows `Int` trapped (Fuzz/Findings/idx, 45 bytes).
    @Test func idxDimensionsOverflowing() {
        let crash: [UInt8] = [
            0x00, 0x00, 0x08, 0x03, 0x00, 0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x06, 0x00, 0x02, 0x00, 0x00, 0x00, 0xE2,
            0xE6, 0xE1, 0xE5, 0xE3, 0x17, 0x10, 0x14, 0x02, 0x00, 0x44, 0xD4, 0xB9, 0xDF, 0x14, 0x00, 0x00, 0x18, 0x19, 0x1A, 0x1B,
            0x1C, 0x1D, 0x21, 0x22, 0x23,
        ]
        #expect(throws: tooLarge("crash", [65535, 4_294_967_295, 4_278_583_298])) { try IDXFile.parse(crash, file: "crash", rank: 3) }
        // Dimensions whose product fits but whose size with the header does not.
        let edge: [UInt8] = [0, 0, 8, 2] + [0xFF, 0xFF, 0xFF, 0xFF] + [0x7F, 0xFF, 0xFF, 0xFF]
        #expect(throws: DatasetReadError.wrongSize(file: "edge", expectedBytes: 12 + 4_294_967_295 * 2_147_483_647, foundBytes: 12)) {
            try IDXFile.parse(edge, file: "edge", rank: 2)
        }
    }

    /// An NPY shape whose byte size overflows `Int` trapped (Fuzz/Findings/npy, 141 bytes:
    /// shape (2, 388888888888888888, 3) of float32).
    @Test func npyByteSizeOverflowing() {
        var header = "{'descr': '<f4', 'fortran_order': False, " + String(repeating: "\0", count: 31)
        header += "'shape': (2, 388888888888888888  ,   3    ,     "
        let crash = [0x93] + Array("NUMPY".utf8) + [1, 0, UInt8(header.utf8.count), 0] + Array(header.utf8) + Array("' '        ".utf8)
        #expect(crash.count == 141)
        #expect(throws: tooLarge("crash", [2, 388_888_888_888_888_888, 3])) { try NumPyFile.parse(crash, file: "crash") }
    }

    /// A label column index beyond the fields of a file without a header was silently
    /// ignored, leaving features of shape [rows, 0] holding values (Fuzz/Findings/csv: `8"`).
    @Test func csvLabelIndexOutOfRangeWithoutHeader() {
        #expect(throws: DatasetReadError.csv(file: "crash", line: 1, message: "label column index 2 is out of range 0..<1")) {
            try CSVFile.parse(Array("8\"".utf8), file: "crash", hasHeader: false, label: .index(2))
        }
        #expect(throws: DatasetReadError.csv(file: "crash", line: 1, message: "label column index -1 is out of range 0..<2")) {
            try CSVFile.parse(Array("1,2\n".utf8), file: "crash", hasHeader: false, label: .index(-1))
        }
    }

    /// `CIFAR.parse` reads one batch file from bytes, as `read` does from a file.
    @Test func cifarParsesBytes() throws {
        let columns = try CIFAR.parse([7] + [UInt8](repeating: 255, count: 3072), file: "b", labelLimits: [10])
        #expect(columns == [.floats(shape: [1, 3, 32, 32], values: [Float](repeating: 1, count: 3072)), .ints(shape: [1], values: [7])])
        #expect(throws: DatasetReadError.wrongSize(file: "b", expectedBytes: 3073, foundBytes: 0)) { try CIFAR.parse([], file: "b", labelLimits: [10]) }
    }
}
