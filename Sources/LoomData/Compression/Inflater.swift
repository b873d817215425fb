/// An error inside a DEFLATE or gzip stream (the reader adds the file name).
struct InflateError: Error, Equatable {
    let reason: String
    init(_ reason: String) { self.reason = reason }
}

/// A pure-Swift DEFLATE decoder (RFC 1951): stored, fixed and dynamic Huffman blocks.
struct Inflater {
    private let input: [UInt8]
    /// The next unread input byte.
    private(set) var position: Int
    private var bitBuffer: UInt64 = 0
    private var bitCount = 0
    private(set) var output: [UInt8] = []

    private static let lengthBase = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]
    private static let lengthExtra = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    private static let distanceBase = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577]
    private static let distanceExtra = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]
    private static let codeLengthOrder = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

    /// Prepares to decode the stream starting at `start`.
    /// - Parameters:
    ///   - input: The bytes holding the stream.
    ///   - start: The offset of its first byte.
    ///   - expectedSize: Output bytes to reserve (a hint).
    init(_ input: [UInt8], start: Int, expectedSize: Int = 0) {
        self.input = input
        self.position = start
        output.reserveCapacity(expectedSize)
    }

    /// Decodes every block up to the final one; afterwards `position` is the first byte
    /// after the stream (unused buffered bits are returned).
    /// - Throws: `InflateError` for corrupt or truncated data.
    mutating func run() throws {
        var last = false
        while !last {
            last = try bits(1) == 1
            switch try bits(2) {
            case 0: try stored()
            case 1: try codes(Inflater.fixedLiterals, Inflater.fixedDistances)
            case 2:
                let (literals, distances) = try dynamicTables()
                try codes(literals, distances)
            default: throw InflateError("invalid block type 3")
            }
        }
        position -= bitCount / 8
        bitBuffer = 0
        bitCount = 0
    }

    private static let fixedLiterals: Huffman = {
        let lengths = (0..<288).map { $0 < 144 ? 8 : $0 < 256 ? 9 : $0 < 280 ? 7 : 8 }
        return (try? Huffman(lengths: lengths)) ?? Huffman.empty
    }()

    private static let fixedDistances: Huffman = (try? Huffman(lengths: [Int](repeating: 5, count: 30))) ?? Huffman.empty

    private mutating func refill() {
        while bitCount <= 56, position < input.count {
            bitBuffer |= UInt64(input[position]) << UInt64(bitCount)
            position += 1
            bitCount += 8
        }
    }

    private mutating func bits(_ count: Int) throws -> Int {
        if bitCount < count {
            refill()
            if bitCount < count { throw InflateError("unexpected end of compressed data") }
        }
        let value = Int(bitBuffer & ((1 << UInt64(count)) - 1))
        bitBuffer >>= UInt64(count)
        bitCount -= count
        return value
    }

    private mutating func stored() throws {
        _ = try bits(bitCount % 8)
        let length = try bits(16)
        let complement = try bits(16)
        guard length == ~complement & 0xFFFF else { throw InflateError("stored block length \(length) does not match its complement") }
        var remaining = length
        while remaining > 0, bitCount >= 8 {
            output.append(UInt8(try bits(8)))
            remaining -= 1
        }
        guard position + remaining <= input.count else { throw InflateError("unexpected end of compressed data in a stored block") }
        output.append(contentsOf: input[position..<(position + remaining)])
        position += remaining
    }

    private mutating func decode(_ code: Huffman) throws -> Int {
        if bitCount < 15 { refill() }
        let entry = Int(code.fast[Int(bitBuffer & UInt64((1 << Huffman.fastBits) - 1))])
        let length = entry & 15
        if length > 0, length <= bitCount {
            bitBuffer >>= UInt64(length)
            bitCount -= length
            return entry >> 4
        }
        var value = 0, first = 0, index = 0
        for length in 1...15 {
            value |= try bits(1)
            let count = code.counts[length]
            if value - count < first { return code.symbols[index + (value - first)] }
            index += count
            first = (first + count) << 1
            value <<= 1
        }
        throw InflateError("invalid Huffman code")
    }

    private mutating func dynamicTables() throws -> (Huffman, Huffman) {
        let literalCount = try bits(5) + 257
        let distanceCount = try bits(5) + 1
        let codeLengthCount = try bits(4) + 4
        guard literalCount <= 286, distanceCount <= 30 else { throw InflateError("too many length or distance codes") }
        var codeLengths = [Int](repeating: 0, count: 19)
        for index in 0..<codeLengthCount { codeLengths[Inflater.codeLengthOrder[index]] = try bits(3) }
        let lengthCode = try Huffman(lengths: codeLengths)
        var lengths: [Int] = []
        while lengths.count < literalCount + distanceCount {
            let symbol = try decode(lengthCode)
            switch symbol {
            case 0..<16: lengths.append(symbol)
            case 16:
                guard let previous = lengths.last else { throw InflateError("repeat code with no previous length") }
                lengths += [Int](repeating: previous, count: 3 + (try bits(2)))
            case 17: lengths += [Int](repeating: 0, count: 3 + (try bits(3)))
            default: lengths += [Int](repeating: 0, count: 11 + (try bits(7)))
            }
        }
        guard lengths.count == literalCount + distanceCount else { throw InflateError("code lengths overrun the table") }
        guard lengths[256] > 0 else { throw InflateError("no end-of-block code") }
        return (try Huffman(lengths: Array(lengths[..<literalCount])), try Huffman(lengths: Array(lengths[literalCount...])))
    }

    private mutating func codes(_ literals: Huffman, _ distances: Huffman) throws {
        while true {
            let symbol = try decode(literals)
            if symbol < 256 {
                output.append(UInt8(symbol))
                continue
            }
            if symbol == 256 { return }
            let lengthIndex = symbol - 257
            guard lengthIndex < 29 else { throw InflateError("invalid length symbol \(symbol)") }
            let length = Inflater.lengthBase[lengthIndex] + (try bits(Inflater.lengthExtra[lengthIndex]))
            let distanceSymbol = try decode(distances)
            guard distanceSymbol < 30 else { throw InflateError("invalid distance symbol \(distanceSymbol)") }
            let distance = Inflater.distanceBase[distanceSymbol] + (try bits(Inflater.distanceExtra[distanceSymbol]))
            guard distance <= output.count else { throw InflateError("distance \(distance) reaches before the start of the output") }
            // Byte by byte: appending a slice of `output` to itself would copy the whole
            // buffer (the slice keeps it shared), and overlapping copies need this order anyway.
            let start = output.count - distance
            for offset in 0..<length { output.append(output[start + offset]) }
        }
    }
}

extension Huffman {
    /// A code with no symbols (never used: the fixed tables are valid).
    static var empty: Huffman { Huffman() }
    private init() {}
}
