import Foundation

/// Big-endian UInt32 bytes.
func be32(_ value: Int) -> [UInt8] { [24, 16, 8, 0].map { UInt8((value >> $0) & 0xFF) } }

/// Little-endian bytes of a fixed width.
func le(_ value: UInt64, _ width: Int) -> [UInt8] { (0..<width).map { UInt8((value >> UInt64(8 * $0)) & 0xFF) } }

/// A gzip file holding `payload` in one stored (uncompressed) deflate block, written by hand.
func storedGzip(_ payload: [UInt8], crc: UInt32) -> [UInt8] {
    var bytes: [UInt8] = [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 255]
    bytes += [1] + le(UInt64(payload.count), 2) + le(UInt64(~payload.count & 0xFFFF), 2) + payload
    return bytes + le(UInt64(crc), 4) + le(UInt64(payload.count), 4)
}

/// Compresses `bytes` with the system's `gzip` (real dynamic-Huffman data).
func systemGzip(_ bytes: [UInt8], in directory: TemporaryDirectory) throws -> [UInt8] {
    let url = try directory.file("payload-\(UUID().uuidString)", bytes)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/gzip")
    process.arguments = ["-9", "-f", url.path]
    try process.run()
    process.waitUntilExit()
    return [UInt8](try Data(contentsOf: url.appendingPathExtension("gz")))
}

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
