import Foundation

/// Compresses `bytes` with the system's `gzip -9` (real dynamic-Huffman data), through a
/// file in `directory`.
public func systemGzip(_ bytes: [UInt8], in directory: TemporaryDirectory) throws -> [UInt8] {
    let url = try directory.file("payload-\(UUID().uuidString)", bytes)
    let result = try runProcess("/bin/gzip", ["-9", "-f", url.path])
    guard result.status == 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: "gzip failed: \(result.output)"]) }
    return [UInt8](try Data(contentsOf: url.appendingPathExtension("gz")))
}
