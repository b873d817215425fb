import Foundation
import LoomFormats

/// A file in the IDX format of MNIST and Fashion-MNIST (raw or gzip-compressed):
/// magic `00 00 <type> <rank>`, `rank` big-endian UInt32 dimensions, then the values.
/// Only unsigned bytes (type 0x08), the type of every MNIST file, are supported.
public struct IDXFile: Sendable, Equatable {
    /// The dimensions, outermost first.
    public var shape: [Int]
    /// The values, in C order.
    public var values: [UInt8]

    /// Reads and validates an IDX file.
    /// - Parameters:
    ///   - url: The file (`.gz` or raw; gzip is detected by content).
    ///   - rank: The number of dimensions required (1 for labels, 3 for images).
    /// - Returns: The array.
    /// - Throws: `DatasetReadError` naming the file: bad magic, wrong rank, wrong size.
    public static func read(_ url: URL, rank: Int) throws -> IDXFile {
        try parse(try FileBytes.read(url), file: url.path, rank: rank)
    }

    /// Parses IDX bytes (already decompressed).
    /// - Parameters:
    ///   - bytes: The file contents.
    ///   - file: The file name, for errors.
    ///   - rank: The required number of dimensions.
    /// - Returns: The array.
    /// - Throws: `DatasetReadError` as for `read`.
    public static func parse(_ bytes: [UInt8], file: String, rank: Int) throws -> IDXFile {
        let expectedMagic = "000008" + hex([UInt8(rank)])
        guard bytes.count >= 4 else { throw DatasetReadError.wrongSize(file: file, expectedBytes: 4 + 4 * rank, foundBytes: bytes.count) }
        guard bytes[0] == 0, bytes[1] == 0, bytes[2] == 8, Int(bytes[3]) == rank else {
            if bytes[0] == 0, bytes[1] == 0, bytes[2] != 8 {
                throw DatasetReadError.unsupportedType(file: file, found: "IDX type 0x\(hex([bytes[2]]))", supported: ["IDX type 0x08 (unsigned byte)"])
            }
            throw DatasetReadError.badMagic(file: file, expected: expectedMagic, found: hex(bytes[0..<4]))
        }
        let headerSize = 4 + 4 * rank
        guard bytes.count >= headerSize else { throw DatasetReadError.wrongSize(file: file, expectedBytes: headerSize, foundBytes: bytes.count) }
        let shape = (0..<rank).map { d in (0..<4).reduce(0) { $0 << 8 | Int(bytes[4 + 4 * d + $1]) } }
        guard let expected = ShapeSize.fileBytes(shape, width: 1, headerBytes: headerSize) else { throw ShapeSize.tooLarge(file: file, shape: shape) }
        guard bytes.count == expected else { throw DatasetReadError.wrongSize(file: file, expectedBytes: expected, foundBytes: bytes.count) }
        return IDXFile(shape: shape, values: Array(bytes[headerSize...]))
    }
}
