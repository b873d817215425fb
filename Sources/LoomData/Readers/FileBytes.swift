import Foundation
import LoomFormats

/// Reads whole files, decompressing gzip data (detected by its magic number).
enum FileBytes {
    /// The contents of `url`, decompressed if it is gzip.
    /// - Parameter url: The file.
    /// - Returns: The (decompressed) bytes.
    /// - Throws: `DatasetReadError.cannotOpen`, or `.corruptGzip` naming the file.
    static func read(_ url: URL) throws -> [UInt8] {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw DatasetReadError.cannotOpen(file: url.path, reason: error.localizedDescription)
        }
        let bytes = [UInt8](data)
        guard Gzip.isGzip(bytes) else { return bytes }
        do {
            return try Gzip.decompress(bytes)
        } catch {
            throw DatasetReadError.corruptGzip(file: url.path, reason: "\(error)")
        }
    }
}
