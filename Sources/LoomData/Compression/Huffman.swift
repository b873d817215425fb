/// A canonical Huffman code of DEFLATE (RFC 1951 §3.2.2), with a 9-bit lookup table for
/// short codes and a bit-by-bit canonical decode for longer ones.
struct Huffman {
    static let fastBits = 9
    /// Codes per length (index 1…15).
    var counts = [Int](repeating: 0, count: 16)
    /// Symbols ordered by code length, then value.
    var symbols: [Int] = []
    /// Indexed by the next 9 input bits: `symbol << 4 | length`, or 0 for a longer code.
    var fast = [UInt32](repeating: 0, count: 1 << Huffman.fastBits)

    /// Builds the code from per-symbol code lengths (0 = unused).
    /// - Parameter lengths: Code length of each symbol.
    /// - Throws: `InflateError` if the lengths are over-subscribed.
    init(lengths: [Int]) throws {
        for length in lengths { counts[length] += 1 }
        counts[0] = 0
        var left = 1
        for length in 1...15 {
            left = (left << 1) - counts[length]
            if left < 0 { throw InflateError("over-subscribed Huffman code") }
        }
        var offsets = [Int](repeating: 0, count: 16)
        for length in 1..<15 { offsets[length + 1] = offsets[length] + counts[length] }
        symbols = [Int](repeating: 0, count: offsets[15] + counts[15])
        var next = offsets
        for (symbol, length) in lengths.enumerated() where length > 0 {
            symbols[next[length]] = symbol
            next[length] += 1
        }
        var nextCode = [Int](repeating: 0, count: 16)
        var code = 0
        for length in 1...15 {
            code = (code + counts[length - 1]) << 1
            nextCode[length] = code
        }
        for (symbol, length) in lengths.enumerated() where length > 0 {
            let value = nextCode[length]
            nextCode[length] += 1
            guard length <= Huffman.fastBits else { continue }
            var reversed = 0
            for bit in 0..<length where value & (1 << bit) != 0 { reversed |= 1 << (length - 1 - bit) }
            var index = reversed
            while index < fast.count {
                fast[index] = UInt32(symbol << 4 | length)
                index += 1 << length
            }
        }
    }
}
