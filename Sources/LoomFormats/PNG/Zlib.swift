import CLoomZlib

/// zlib streams (RFC 1950: header, deflate data, Adler-32), as PNG's IDAT chunks hold them.
enum Zlib {
    /// `data` compressed into one zlib stream at `level`.
    static func compress(_ data: [UInt8], level: Int32) -> [UInt8] {
        var capacity = compressBound(uLong(data.count))
        var output = [UInt8](repeating: 0, count: Int(capacity))
        let status = output.withUnsafeMutableBufferPointer { out in
            data.withUnsafeBufferPointer { input in
                compress2(out.baseAddress, &capacity, input.baseAddress, uLong(input.count), level)
            }
        }
        // compressBound is a sufficient size and the level is checked by PNGCompression, so
        // zlib cannot fail here short of running out of memory, which Swift traps on anyway.
        precondition(status == Z_OK, "zlib compress2 failed with status \(status)")
        output.removeSubrange(Int(capacity)...)
        return output
    }
}
