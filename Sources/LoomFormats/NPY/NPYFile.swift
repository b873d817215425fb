import Foundation

/// NumPy's `.npy` format, version 1.0, for `Float32` arrays: the magic `\x93NUMPY`,
/// version 1.0, a little-endian `UInt16` header length, an ASCII dictionary
/// `{'descr': '<f4', 'fortran_order': False, 'shape': (…), }` padded with spaces and a
/// final newline so the data starts at a multiple of 64 bytes, then the values in C
/// order, little-endian.
public enum NPYFile {
    /// Encodes `values` with `shape` (`[]`: a scalar).
    /// - Precondition: `values.count` is the product of `shape`.
    public static func encode(shape: [Int], values: [Float]) -> Data {
        precondition(values.count == shape.reduce(1, *), "NPYFile: \(values.count) values do not fill shape \(shape)")
        let shapeText: String
        switch shape.count {
        case 0: shapeText = "()"
        case 1: shapeText = "(\(shape[0]),)"
        default: shapeText = "(" + shape.map(String.init).joined(separator: ", ") + ")"
        }
        var header = "{'descr': '<f4', 'fortran_order': False, 'shape': \(shapeText), }"
        let unpadded = 10 + header.utf8.count + 1
        header += String(repeating: " ", count: (64 - unpadded % 64) % 64) + "\n"
        var data = Data([0x93] + Array("NUMPY".utf8) + [1, 0])
        let length = UInt16(header.utf8.count)
        data.append(contentsOf: [UInt8(length & 0xFF), UInt8(length >> 8)])
        data.append(contentsOf: Array(header.utf8))
        data.reserveCapacity(data.count + values.count * 4)
        for value in values {
            let bits = value.bitPattern.littleEndian
            withUnsafeBytes(of: bits) { data.append(contentsOf: $0) }
        }
        return data
    }
}
