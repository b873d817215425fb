import CLoomZlib

/// Decompresses gzip files (RFC 1952) with the system zlib, which checks each member's
/// CRC-32 and size. Concatenated members (as `cat a.gz b.gz` makes) are read in turn.
public enum Gzip {
    /// Whether `bytes` start with the gzip magic number (0x1f 0x8b).
    /// - Parameter bytes: The file contents.
    /// - Returns: True for gzip data.
    public static func isGzip(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B
    }

    /// Decompresses every member of a gzip file.
    /// - Parameter bytes: The compressed file contents.
    /// - Returns: The decompressed bytes.
    /// - Throws: ``GzipError`` for data that is not gzip, corrupt, or truncated.
    public static func decompress(_ bytes: [UInt8]) throws(GzipError) -> [UInt8] {
        guard isGzip(bytes) else { throw .notGzip(found: hex(bytes.prefix(2))) }
        var stream = z_stream()
        guard loom_inflate_init2(&stream, 15 + 16) == Z_OK else { throw .corrupt(reason: "zlib could not start") }
        defer { inflateEnd(&stream) }
        var output: [UInt8] = []
        // The trailer's size field of the last member is a good first guess of the size, but
        // only a guess: deflate expands at most 1032-fold, so a claim beyond that is not believed.
        output.reserveCapacity(min(Int(littleEndian32(bytes.suffix(4))), bytes.count * 1032, 1 << 30))
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var consumed = 0
        while consumed < bytes.count {
            let status = try bytes.withUnsafeBufferPointer { input throws(GzipError) -> Int32 in
                guard let base = input.baseAddress else { return Z_STREAM_END }
                stream.next_in = UnsafeMutablePointer(mutating: base + consumed)
                stream.avail_in = UInt32(input.count - consumed)
                var status = Z_OK
                repeat {
                    status = chunk.withUnsafeMutableBufferPointer { buffer in
                        stream.next_out = buffer.baseAddress
                        stream.avail_out = UInt32(buffer.count)
                        return inflate(&stream, Z_NO_FLUSH)
                    }
                    output += chunk[0..<(chunk.count - Int(stream.avail_out))]
                } while status == Z_OK
                consumed = input.count - Int(stream.avail_in)
                return status
            }
            switch status {
            case Z_STREAM_END:
                while consumed < bytes.count, bytes[consumed] == 0 { consumed += 1 }  // padding between members
                if consumed < bytes.count { inflateReset(&stream) }
            case Z_BUF_ERROR:
                throw .truncated(decompressedBytes: output.count)
            default:
                throw .corrupt(reason: describe(status, message: stream.msg))
            }
        }
        return output
    }

    private static func describe(_ status: Int32, message: UnsafePointer<CChar>?) -> String {
        let text = message.map { String(cString: $0) } ?? "zlib status \(status)"
        switch text {
        case "incorrect data check": return "the CRC-32 of the data does not match (incorrect data check)"
        case "incorrect length check": return "the size of the data does not match (incorrect length check)"
        default: return text
        }
    }

    private static func littleEndian32(_ bytes: some Collection<UInt8>) -> UInt32 {
        bytes.reversed().reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
    }
}
