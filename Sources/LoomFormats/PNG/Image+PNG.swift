extension Image {
    /// The image as a PNG file: 8-bit grayscale (1 channel), RGB (3) or RGBA (4),
    /// unfiltered scanlines in a zlib stream, CRC-32 on every chunk.
    /// - Parameter compression: the zlib level (default ``PNGCompression/fast``).
    /// - Returns: the bytes of a complete PNG file.
    public func pngData(compression: PNGCompression = .fast) -> [UInt8] {
        let colorType: UInt8 = channels == 1 ? 0 : channels == 3 ? 2 : 6
        var header: [UInt8] = []
        appendBigEndian(UInt32(width), to: &header)
        appendBigEndian(UInt32(height), to: &header)
        header += [8, colorType, 0, 0, 0]  // bit depth, colour type, deflate, adaptive filters, no interlace
        let rowBytes = width * channels
        var scanlines: [UInt8] = []
        scanlines.reserveCapacity(height * (rowBytes + 1))
        for row in 0..<height {
            scanlines.append(0)  // filter type None
            scanlines += pixels[(row * rowBytes)..<((row + 1) * rowBytes)]
        }
        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        appendChunk("IHDR", header, to: &png)
        appendChunk("IDAT", Zlib.compress(scanlines, level: compression.level), to: &png)
        appendChunk("IEND", [], to: &png)
        return png
    }

    private func appendChunk(_ type: String, _ data: [UInt8], to png: inout [UInt8]) {
        appendBigEndian(UInt32(data.count), to: &png)
        let typeBytes = Array(type.utf8)
        png += typeBytes
        png += data
        appendBigEndian(CRC32.checksum(data, continuing: CRC32.checksum(typeBytes)), to: &png)
    }

    private func appendBigEndian(_ value: UInt32, to bytes: inout [UInt8]) {
        bytes += [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
    }
}
