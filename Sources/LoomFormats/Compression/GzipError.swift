/// Why gzip data could not be decompressed. Readers add the file name.
public enum GzipError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The data does not start with the gzip magic number; `found` is its first bytes in hex.
    case notGzip(found: String)
    /// The stream is corrupt: a bad header, bad deflate data, or a CRC-32 or size mismatch.
    case corrupt(reason: String)
    /// The data ends before the last member's end (after `decompressedBytes` bytes of output).
    case truncated(decompressedBytes: Int)

    /// What went wrong, in words.
    public var description: String {
        switch self {
        case let .notGzip(found): return "not gzip data (magic number \(found), expected 1f8b)"
        case let .corrupt(reason): return "corrupt gzip data: \(reason)"
        case let .truncated(count): return "truncated gzip data: it ends after \(count) decompressed bytes"
        }
    }
}
