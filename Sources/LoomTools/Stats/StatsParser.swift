/// Parses `stats.json` text: a JSON array of objects whose numeric members become
/// ``StatsField``s in file order. Accepts Python's `NaN`, `Infinity` and `-Infinity`;
/// other members (strings, booleans, `null`, nested values) are skipped.
struct StatsParser {
    /// Why parsing stopped, and where (a byte offset into the text).
    struct Failure: Error {
        var detail: String
        var offset: Int
    }

    private let bytes: [UInt8]
    private var index = 0

    private init(_ text: String) { bytes = Array(text.utf8) }

    /// The entries of `text`.
    ///
    /// - Throws: ``Failure`` naming the first problem and its byte offset.
    static func parse(_ text: String) throws(Failure) -> [StatsRow] {
        var parser = StatsParser(text)
        return try parser.document()
    }

    private mutating func document() throws(Failure) -> [StatsRow] {
        skipSpace()
        guard !atEnd else { throw Failure(detail: "the file is empty", offset: 0) }
        try expect(UInt8(ascii: "["), "'[' (a JSON array)")
        var rows: [StatsRow] = []
        skipSpace()
        if peek == UInt8(ascii: "]") {
            index += 1
        } else {
            while true {
                skipSpace()
                rows.append(try object())
                skipSpace()
                if peek == UInt8(ascii: ",") { index += 1; continue }
                try expect(UInt8(ascii: "]"), "',' or ']' after an entry")
                break
            }
        }
        skipSpace()
        guard atEnd else { throw Failure(detail: "unexpected text after the array", offset: index) }
        return rows
    }

    private mutating func object() throws(Failure) -> StatsRow {
        try expect(UInt8(ascii: "{"), "'{' (each entry is a JSON object)")
        var fields: [StatsField] = []
        skipSpace()
        if peek == UInt8(ascii: "}") { index += 1; return StatsRow(fields: fields) }
        while true {
            skipSpace()
            let name = try string()
            skipSpace()
            try expect(UInt8(ascii: ":"), "':' after a member name")
            skipSpace()
            if let (value, literal) = try numberIfPresent() {
                fields.removeAll { $0.name == name }
                fields.append(StatsField(name: name, value: value, literal: literal))
            } else {
                try skipValue()
            }
            skipSpace()
            if peek == UInt8(ascii: ",") { index += 1; continue }
            try expect(UInt8(ascii: "}"), "',' or '}' after a member")
            return StatsRow(fields: fields)
        }
    }

    /// A number (including `NaN`, `Infinity`, `-Infinity`) and its spelling, or nil when
    /// the next value is not a number.
    private mutating func numberIfPresent() throws(Failure) -> (Double, String)? {
        for (word, value) in [("NaN", Double.nan), ("Infinity", Double.infinity), ("-Infinity", -Double.infinity)] where matches(word) {
            index += word.utf8.count
            return (value, word)
        }
        guard let first = peek, first == UInt8(ascii: "-") || isDigit(first) else { return nil }
        let start = index
        while let byte = peek, isDigit(byte) || "+-.eE".utf8.contains(byte) { index += 1 }
        let literal = String(decoding: bytes[start..<index], as: UTF8.self)
        guard let value = Double(literal) else { throw Failure(detail: "invalid number '\(literal)'", offset: start) }
        return (value, literal)
    }

    private mutating func string() throws(Failure) -> String {
        let start = index
        try expect(UInt8(ascii: "\""), "'\"' (a member name)")
        var scalars = String.UnicodeScalarView()
        var pendingHigh: UInt32?
        var chunkStart = index
        func flush(_ end: Int) { scalars.append(contentsOf: String(decoding: bytes[chunkStart..<end], as: UTF8.self).unicodeScalars) }
        while let byte = peek {
            if byte == UInt8(ascii: "\"") {
                flush(index)
                index += 1
                return String(scalars)
            }
            guard byte == UInt8(ascii: "\\") else { index += 1; continue }
            flush(index)
            index += 1
            guard let escape = peek else { break }
            index += 1
            switch escape {
            case UInt8(ascii: "n"): scalars.append("\n")
            case UInt8(ascii: "t"): scalars.append("\t")
            case UInt8(ascii: "r"): scalars.append("\r")
            case UInt8(ascii: "b"): scalars.append("\u{8}")
            case UInt8(ascii: "f"): scalars.append("\u{c}")
            case UInt8(ascii: "u"):
                guard index + 4 <= bytes.count, let code = UInt32(String(decoding: bytes[index..<index + 4], as: UTF8.self), radix: 16) else {
                    throw Failure(detail: "invalid \\u escape in a string", offset: index)
                }
                index += 4
                if (0xD800..<0xDC00).contains(code) {
                    pendingHigh = code
                } else if let high = pendingHigh, (0xDC00..<0xE000).contains(code) {
                    Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (code - 0xDC00)).map { scalars.append($0) }
                    pendingHigh = nil
                } else {
                    Unicode.Scalar(code).map { scalars.append($0) }
                }
            default: scalars.append(Unicode.Scalar(escape))
            }
            chunkStart = index
        }
        throw Failure(detail: "unterminated string", offset: start)
    }

    /// Skips a non-numeric value (string, literal, array or object).
    private mutating func skipValue() throws(Failure) {
        guard let byte = peek else { throw Failure(detail: "unexpected end of the file", offset: index) }
        switch byte {
        case UInt8(ascii: "\""):
            _ = try string()
        case UInt8(ascii: "["), UInt8(ascii: "{"):
            let close = byte == UInt8(ascii: "[") ? UInt8(ascii: "]") : UInt8(ascii: "}")
            index += 1
            skipSpace()
            if peek == close { index += 1; return }
            while true {
                skipSpace()
                if close == UInt8(ascii: "}") {
                    _ = try string()
                    skipSpace()
                    try expect(UInt8(ascii: ":"), "':' after a member name")
                    skipSpace()
                }
                if try numberIfPresent() == nil { try skipValue() }
                skipSpace()
                if peek == UInt8(ascii: ",") { index += 1; continue }
                try expect(close, "',' or '\(Character(Unicode.Scalar(close)))'")
                return
            }
        default:
            for word in ["true", "false", "null"] where matches(word) {
                index += word.utf8.count
                return
            }
            throw Failure(detail: "unexpected character '\(Character(Unicode.Scalar(byte)))'", offset: index)
        }
    }

    private var atEnd: Bool { index >= bytes.count }
    private var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

    private func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    private func matches(_ word: String) -> Bool {
        let utf8 = Array(word.utf8)
        return index + utf8.count <= bytes.count && Array(bytes[index..<index + utf8.count]) == utf8
    }

    private mutating func skipSpace() {
        while let byte = peek, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { index += 1 }
    }

    private mutating func expect(_ byte: UInt8, _ what: String) throws(Failure) {
        guard peek == byte else {
            let found = atEnd ? "the end of the file" : "'\(Character(Unicode.Scalar(bytes[index])))'"
            throw Failure(detail: "expected \(what), found \(found)", offset: index)
        }
        index += 1
    }
}
