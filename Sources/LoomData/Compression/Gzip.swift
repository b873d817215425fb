/// Decompresses gzip files (RFC 1952) in pure Swift, checking each member's CRC-32 and size.
public enum Gzip {
    /// Whether `bytes` start with the gzip magic number (0x1f 0x8b).
    /// - Parameter bytes: The file contents.
    /// - Returns: True for gzip data.
    public static func isGzip(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B
    }

    /// Decompresses every member of a gzip file.
    /// - Parameters:
    ///   - bytes: The compressed file contents.
    ///   - file: The file name, for error messages.
    /// - Returns: The decompressed bytes.
    /// - Throws: `DatasetReadError.corruptGzip` or `.gzipChecksum` naming the file.
    public static func decompress(_ bytes: [UInt8], file: String) throws -> [UInt8] {
        var result: [UInt8] = []
        var start = 0
        repeat {
            let (member, end) = try member(bytes, at: start, file: file)
            result += member
            start = end
            while start < bytes.count, bytes[start] == 0 { start += 1 }
        } while start < bytes.count
        return result
    }

    private static func member(_ bytes: [UInt8], at start: Int, file: String) throws -> ([UInt8], Int) {
        func corrupt(_ reason: String) -> DatasetReadError { .corruptGzip(file: file, reason: reason) }
        guard bytes.count - start >= 18 else { throw corrupt("only \(bytes.count - start) bytes, a gzip member needs at least 18") }
        guard bytes[start] == 0x1F, bytes[start + 1] == 0x8B else {
            throw DatasetReadError.badMagic(file: file, expected: "1f8b (gzip)", found: hex(bytes[start..<(start + 2)]))
        }
        guard bytes[start + 2] == 8 else { throw corrupt("compression method \(bytes[start + 2]), expected 8 (deflate)") }
        let flags = bytes[start + 3]
        var position = start + 10
        if flags & 4 != 0 {
            guard position + 2 <= bytes.count else { throw corrupt("truncated header") }
            position += 2 + Int(bytes[position]) + Int(bytes[position + 1]) << 8
        }
        for flag: UInt8 in [8, 16] where flags & flag != 0 {
            while position < bytes.count, bytes[position] != 0 { position += 1 }
            position += 1
        }
        if flags & 2 != 0 { position += 2 }
        guard position < bytes.count else { throw corrupt("truncated header") }
        let hint = bytes.count >= 4 ? Int(readLE32(bytes, bytes.count - 4)) : 0
        var inflater = Inflater(bytes, start: position, expectedSize: min(hint, 1 << 30))
        do { try inflater.run() } catch let error as InflateError { throw corrupt(error.reason) }
        let end = inflater.position
        guard end + 8 <= bytes.count else {
            throw corrupt("missing the 8-byte trailer (CRC-32 and size): the file is truncated")
        }
        let output = inflater.output
        let expectedCRC = readLE32(bytes, end), foundCRC = CRC32.checksum(output)
        guard expectedCRC == foundCRC else {
            throw DatasetReadError.gzipChecksum(file: file, what: "CRC-32", expected: expectedCRC, found: foundCRC)
        }
        let expectedSize = readLE32(bytes, end + 4), foundSize = UInt32(truncatingIfNeeded: output.count)
        guard expectedSize == foundSize else {
            throw DatasetReadError.gzipChecksum(file: file, what: "size", expected: expectedSize, found: foundSize)
        }
        return (output, end + 8)
    }

    private static func readLE32(_ bytes: [UInt8], _ at: Int) -> UInt32 {
        (0..<4).reduce(UInt32(0)) { $0 | UInt32(bytes[at + $1]) << UInt32(8 * $1) }
    }
}

/// Bytes as lowercase hex, for error messages.
func hex(_ bytes: some Sequence<UInt8>) -> String {
    bytes.map { byte in
        let digits = Array("0123456789abcdef")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 15)]])
    }.joined()
}
