import Foundation
import LoomTestSupport

/// Big-endian UInt32 bytes.
func be32(_ value: Int) -> [UInt8] { [24, 16, 8, 0].map { UInt8((value >> $0) & 0xFF) } }

/// Little-endian bytes of a fixed width.
func le(_ value: UInt64, _ width: Int) -> [UInt8] { (0..<width).map { UInt8((value >> UInt64(8 * $0)) & 0xFF) } }

/// An IDX file of unsigned bytes.
func idx(shape: [Int], values: [UInt8]) -> [UInt8] {
    [0, 0, 8, UInt8(shape.count)] + shape.flatMap(be32) + values
}

/// A `.npy` file with the given descr, shape text and raw data.
func npy(descr: String, shape: String, data: [UInt8], major: UInt8 = 1, fortran: Bool = false) -> [UInt8] {
    var header = "{'descr': '\(descr)', 'fortran_order': \(fortran ? "True" : "False"), 'shape': \(shape), }"
    let prefix = major == 1 ? 10 : 12
    while (prefix + header.utf8.count + 1) % 64 != 0 { header += " " }
    header += "\n"
    let length = header.utf8.count
    return [0x93] + Array("NUMPY".utf8) + [major, 0] + le(UInt64(length), major == 1 ? 2 : 4) + Array(header.utf8) + data
}
