import Foundation
import LoomFormats

/// Reads NumPy `.npy` files (format versions 1.0, 2.0 and 3.0; C order; little-endian).
///
/// Supported element types: float32 (`<f4`) and float64 (`<f8`, converted) become
/// `.floats`; uint8 (`|u1`) and int64 (`<i8`, range-checked) become `.ints`. To build a
/// dataset, pass arrays with a common leading dimension to `ArrayDataFlow(columns:)`.
public enum NumPyFile {
    static let supported = ["<f4", "<f8", "|u1", "<i8"]

    /// Reads an array.
    /// - Parameter url: The `.npy` file (raw or gzip).
    /// - Returns: The array as a component with the file's shape.
    /// - Throws: `DatasetReadError` naming the file: bad magic, bad header, unsupported
    ///   type, wrong size, or an int64 value outside Int32.
    public static func read(_ url: URL) throws -> DataComponent {
        try parse(try FileBytes.read(url), file: url.path)
    }

    /// Parses `.npy` bytes; see `read`.
    /// - Parameters:
    ///   - bytes: The file contents.
    ///   - file: The file name, for errors.
    /// - Returns: The array.
    /// - Throws: `DatasetReadError`.
    public static func parse(_ bytes: [UInt8], file: String) throws -> DataComponent {
        let magic: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]
        guard bytes.count >= 10 else { throw DatasetReadError.wrongSize(file: file, expectedBytes: 10, foundBytes: bytes.count) }
        guard Array(bytes[0..<6]) == magic else { throw DatasetReadError.badMagic(file: file, expected: hex(magic) + " (\\x93NUMPY)", found: hex(bytes[0..<6])) }
        let major = bytes[6]
        let (headerLength, headerStart): (Int, Int)
        switch major {
        case 1: (headerLength, headerStart) = (Int(bytes[8]) | Int(bytes[9]) << 8, 10)
        case 2, 3:
            guard bytes.count >= 12 else { throw DatasetReadError.wrongSize(file: file, expectedBytes: 12, foundBytes: bytes.count) }
            (headerLength, headerStart) = ((0..<4).reduce(0) { $0 | Int(bytes[8 + $1]) << (8 * $1) }, 12)
        default: throw DatasetReadError.npyHeader(file: file, reason: "format version \(major).\(bytes[7]), supported 1.0, 2.0, 3.0")
        }
        let dataStart = headerStart + headerLength
        guard bytes.count >= dataStart else { throw DatasetReadError.wrongSize(file: file, expectedBytes: dataStart, foundBytes: bytes.count) }
        guard let header = String(bytes: bytes[headerStart..<dataStart], encoding: .utf8) else {
            throw DatasetReadError.npyHeader(file: file, reason: "header is not text")
        }
        let descr = try value(of: "descr", in: header, file: file).trimmingCharacters(in: CharacterSet(charactersIn: "'\" "))
        let fortran = try value(of: "fortran_order", in: header, file: file).trimmingCharacters(in: .whitespaces)
        guard fortran == "False" else { throw DatasetReadError.npyHeader(file: file, reason: "fortran_order is \(fortran); save the array in C order (np.ascontiguousarray)") }
        let shapeText = try value(of: "shape", in: header, file: file).trimmingCharacters(in: CharacterSet(charactersIn: "() "))
        var shape: [Int] = []
        for part in shapeText.split(separator: ",") where !part.trimmingCharacters(in: .whitespaces).isEmpty {
            guard let dimension = Int(part.trimmingCharacters(in: .whitespaces)), dimension >= 0 else {
                throw DatasetReadError.npyHeader(file: file, reason: "shape '(\(shapeText))' is not a tuple of sizes")
            }
            shape.append(dimension)
        }
        let width: Int
        switch descr {
        case "<f4", "<i8", "<f8": width = descr == "<f4" ? 4 : 8
        case "|u1", "<u1": width = 1
        default: throw DatasetReadError.unsupportedType(file: file, found: "'\(descr)'", supported: supported)
        }
        guard let expected = ShapeSize.fileBytes(shape, width: width, headerBytes: dataStart) else { throw ShapeSize.tooLarge(file: file, shape: shape) }
        let count = shape.reduce(1, *)
        guard bytes.count == expected else { throw DatasetReadError.wrongSize(file: file, expectedBytes: expected, foundBytes: bytes.count) }
        func word(_ i: Int) -> UInt64 { (0..<width).reduce(UInt64(0)) { $0 | UInt64(bytes[dataStart + i * width + $1]) << UInt64(8 * $1) } }
        switch descr {
        case "<f4": return .floats(shape: shape, values: (0..<count).map { Float(bitPattern: UInt32(truncatingIfNeeded: word($0))) })
        case "<f8": return .floats(shape: shape, values: (0..<count).map { Float(Double(bitPattern: word($0))) })
        case "<i8":
            var values: [Int32] = []
            values.reserveCapacity(count)
            for i in 0..<count {
                let value = Int64(bitPattern: word(i))
                guard let narrow = Int32(exactly: value) else {
                    throw DatasetReadError.shapeMismatch(file: file, what: "element \(i)", expected: "a value that fits in Int32", found: "\(value)")
                }
                values.append(narrow)
            }
            return .ints(shape: shape, values: values)
        default: return .ints(shape: shape, values: bytes[dataStart...].map { Int32($0) })
        }
    }

    /// The text after `'key':` up to the next top-level comma or closing brace.
    private static func value(of key: String, in header: String, file: String) throws -> String {
        guard let range = header.range(of: "'\(key)':") else {
            throw DatasetReadError.npyHeader(file: file, reason: "no '\(key)' entry in \(header.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        var depth = 0
        var result = ""
        for character in header[range.upperBound...] {
            if character == "(" { depth += 1 }
            if character == ")" { depth -= 1 }
            if depth == 0, character == "," || character == "}" { break }
            result.append(character)
        }
        return result
    }
}
