/// How a PNG's zlib stream is compressed.
public enum PNGCompression: Sendable {
    /// Stored (uncompressed) deflate blocks: fastest, largest.
    case stored
    /// One deflate block with the fixed Huffman code and greedy LZ77 matching.
    case fixedHuffman
}

/// A small zlib (RFC 1950) / deflate (RFC 1951) encoder for PNG image data.
enum Deflate {
    /// `data` wrapped in a zlib stream: header, deflate blocks, Adler-32.
    static func zlib(_ data: [UInt8], compression: PNGCompression) -> [UInt8] {
        var out: [UInt8] = [0x78, 0x01]  // 32 KiB window, no dictionary, check bits (0x7801 % 31 == 0)
        switch compression {
        case .stored: appendStored(data, to: &out)
        case .fixedHuffman: appendFixedHuffman(data, to: &out)
        }
        let adler = PNGChecksums.adler32(data)
        out += [UInt8(adler >> 24), UInt8((adler >> 16) & 0xFF), UInt8((adler >> 8) & 0xFF), UInt8(adler & 0xFF)]
        return out
    }

    private static func appendStored(_ data: [UInt8], to out: inout [UInt8]) {
        var start = 0
        repeat {
            let end = min(start + 65535, data.count)
            let length = UInt16(end - start)
            out.append(end == data.count ? 1 : 0)  // BFINAL, BTYPE = 00, padding to the byte
            out += [UInt8(length & 0xFF), UInt8(length >> 8), UInt8(~length & 0xFF), UInt8(~length >> 8)]
            out += data[start..<end]
            start = end
        } while start < data.count
    }

    // MARK: - Fixed Huffman block with LZ77

    private static let lengthBase: [Int] = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59,
                                            67, 83, 99, 115, 131, 163, 195, 227, 258]
    private static let lengthExtra: [Int] = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3,
                                             4, 4, 4, 4, 5, 5, 5, 5, 0]
    private static let distanceBase: [Int] = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385,
                                              513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577]
    private static let distanceExtra: [Int] = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8,
                                               9, 9, 10, 10, 11, 11, 12, 12, 13, 13]

    /// The fixed literal/length code (RFC 1951 section 3.2.6), bit-reversed for LSB-first output.
    private static let literalCodes: [(code: UInt32, length: Int)] = (0..<288).map { symbol in
        let (code, length): (Int, Int)
        switch symbol {
        case 0...143: (code, length) = (0x30 + symbol, 8)
        case 144...255: (code, length) = (0x190 + symbol - 144, 9)
        case 256...279: (code, length) = (symbol - 256, 7)
        default: (code, length) = (0xC0 + symbol - 280, 8)
        }
        return (reversed(UInt32(code), length), length)
    }

    private static func reversed(_ code: UInt32, _ length: Int) -> UInt32 {
        var result: UInt32 = 0
        for bit in 0..<length where code & (1 << UInt32(bit)) != 0 { result |= 1 << UInt32(length - 1 - bit) }
        return result
    }

    private static func appendFixedHuffman(_ data: [UInt8], to out: inout [UInt8]) {
        var bits = BitWriter(bytes: out)
        bits.write(1, 1)  // BFINAL
        bits.write(1, 2)  // BTYPE = 01, fixed Huffman
        let windowSize = 32768, maxMatch = 258, maxChain = 32
        let hashBits = 15
        var head = [Int](repeating: -1, count: 1 << hashBits)
        var previous = [Int](repeating: -1, count: data.count)
        func hash(_ i: Int) -> Int {
            let value = Int(data[i]) << 16 | Int(data[i + 1]) << 8 | Int(data[i + 2])
            return (value &* 2_654_435_761) >> 7 & ((1 << hashBits) - 1)
        }
        func insert(_ i: Int) {
            guard i + 2 < data.count else { return }
            let h = hash(i)
            previous[i] = head[h]
            head[h] = i
        }
        var i = 0
        while i < data.count {
            var bestLength = 0, bestDistance = 0
            if i + 2 < data.count {
                var candidate = head[hash(i)]
                var chain = 0
                let limit = min(maxMatch, data.count - i)
                while candidate >= 0, i - candidate <= windowSize, chain < maxChain {
                    var length = 0
                    while length < limit, data[candidate + length] == data[i + length] { length += 1 }
                    if length > bestLength {
                        bestLength = length
                        bestDistance = i - candidate
                        if length == limit { break }
                    }
                    candidate = previous[candidate]
                    chain += 1
                }
            }
            if bestLength >= 3 {
                writeMatch(length: bestLength, distance: bestDistance, to: &bits)
                for k in i..<(i + bestLength) { insert(k) }
                i += bestLength
            } else {
                let code = literalCodes[Int(data[i])]
                bits.write(code.code, code.length)
                insert(i)
                i += 1
            }
        }
        let end = literalCodes[256]
        bits.write(end.code, end.length)
        bits.flush()
        out = bits.bytes
    }

    private static func writeMatch(length: Int, distance: Int, to bits: inout BitWriter) {
        var lengthIndex = lengthBase.count - 1
        while lengthBase[lengthIndex] > length { lengthIndex -= 1 }
        let lengthCode = literalCodes[257 + lengthIndex]
        bits.write(lengthCode.code, lengthCode.length)
        bits.write(UInt32(length - lengthBase[lengthIndex]), lengthExtra[lengthIndex])
        var distanceIndex = distanceBase.count - 1
        while distanceBase[distanceIndex] > distance { distanceIndex -= 1 }
        bits.write(reversed(UInt32(distanceIndex), 5), 5)
        bits.write(UInt32(distance - distanceBase[distanceIndex]), distanceExtra[distanceIndex])
    }
}

/// Writes bit fields least-significant bit first, as deflate requires.
private struct BitWriter {
    var bytes: [UInt8]
    private var buffer: UInt64 = 0
    private var count = 0

    init(bytes: [UInt8]) { self.bytes = bytes }

    mutating func write(_ value: UInt32, _ bitCount: Int) {
        guard bitCount > 0 else { return }
        buffer |= UInt64(value) << UInt64(count)
        count += bitCount
        while count >= 8 {
            bytes.append(UInt8(truncatingIfNeeded: buffer))
            buffer >>= 8
            count -= 8
        }
    }

    /// Writes the last partial byte, zero-padded.
    mutating func flush() {
        if count > 0 { bytes.append(UInt8(truncatingIfNeeded: buffer)) }
        buffer = 0
        count = 0
    }
}
