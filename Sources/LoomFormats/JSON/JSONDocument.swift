/// Loom's one JSON reader: safetensors headers, checkpoint metadata, `checkpoint.json`
/// and `stats.json` all go through it.
///
/// It is strict JSON plus the three literals Python's `json` module and Loom's own
/// writers use for non-finite numbers: `NaN`, `Infinity` and `-Infinity` (a run that
/// diverged must not lose its history to a parser). Unlike Foundation's
/// `JSONSerialization`, which silently keeps the last of duplicate keys and re-prints
/// numbers, it keeps every object member in order (so duplicates can be reported), each
/// number's source text, and the byte range of every value (so a kept entry or a
/// callback's state is copied back byte for byte). Nesting is limited to 128 levels.
public enum JSONDocument {
    /// A parsed value and the bytes it occupied in its source.
    public struct Node: Sendable {
        /// The value.
        public var value: Value
        /// Its bytes in the parsed text.
        public var range: Range<Int>
    }

    /// The kinds of JSON value; numbers keep their source text (`NaN`, `Infinity` and
    /// `-Infinity` included).
    public indirect enum Value: Sendable {
        /// An object's members, in source order (duplicates kept).
        case object([(key: String, node: Node)])
        /// An array's elements.
        case array([Node])
        /// A string.
        case string(String)
        /// A number, as written.
        case number(String)
        /// `true` or `false`.
        case bool(Bool)
        /// `null`.
        case null
    }

    /// Why a text is not JSON: the byte offset and what was expected.
    public struct ParseError: Error, Sendable, Equatable, CustomStringConvertible {
        /// Where parsing stopped (a byte offset).
        public var offset: Int
        /// What was expected there.
        public var message: String
        /// `at byte N: message`.
        public var description: String { "at byte \(offset): \(message)" }
    }

    /// Parses `bytes` as exactly one JSON value (surrounding whitespace allowed).
    /// - Throws: ``ParseError`` at the first problem.
    public static func parse(_ bytes: [UInt8]) throws(ParseError) -> Node {
        var parser = Parser(bytes: bytes)
        parser.skipWhitespace()
        let node = try parser.value(depth: 0)
        parser.skipWhitespace()
        guard parser.index == bytes.count else { throw ParseError(offset: parser.index, message: "unexpected text after the JSON value") }
        return node
    }

    /// Parses a UTF-8 string as exactly one JSON value.
    /// - Throws: ``ParseError`` at the first problem.
    public static func parse(_ text: String) throws(ParseError) -> Node {
        try parse(Array(text.utf8))
    }
}

private struct Parser {
    let bytes: [UInt8]
    var index = 0
    static let maximumDepth = 128

    init(bytes: [UInt8]) { self.bytes = bytes }

    mutating func skipWhitespace() {
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
    }

    func fail(_ message: String) -> JSONDocument.ParseError {
        JSONDocument.ParseError(offset: index, message: message)
    }

    mutating func value(depth: Int) throws(JSONDocument.ParseError) -> JSONDocument.Node {
        guard depth < Parser.maximumDepth else { throw fail("nesting deeper than \(Parser.maximumDepth) levels") }
        guard index < bytes.count else { throw fail("unexpected end of text, expected a value") }
        let start = index
        let value: JSONDocument.Value
        switch bytes[index] {
        case UInt8(ascii: "{"): value = try object(depth: depth)
        case UInt8(ascii: "["): value = try array(depth: depth)
        case UInt8(ascii: "\""): value = .string(try string())
        case UInt8(ascii: "t"): try literal("true"); value = .bool(true)
        case UInt8(ascii: "f"): try literal("false"); value = .bool(false)
        case UInt8(ascii: "n"): try literal("null"); value = .null
        case UInt8(ascii: "N"): try literal("NaN"); value = .number("NaN")
        case UInt8(ascii: "I"): try literal("Infinity"); value = .number("Infinity")
        default: value = .number(try number())
        }
        return JSONDocument.Node(value: value, range: start..<index)
    }

    mutating func literal(_ word: String) throws(JSONDocument.ParseError) {
        let utf8 = Array(word.utf8)
        guard index + utf8.count <= bytes.count, Array(bytes[index..<index + utf8.count]) == utf8 else {
            throw fail("expected a value")
        }
        index += utf8.count
    }

    mutating func object(depth: Int) throws(JSONDocument.ParseError) -> JSONDocument.Value {
        index += 1
        var members: [(key: String, node: JSONDocument.Node)] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") { index += 1; return .object(members) }
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw fail("expected a quoted member name") }
            let key = try string()
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw fail("expected ':' after member name") }
            index += 1
            skipWhitespace()
            members.append((key, try value(depth: depth + 1)))
            skipWhitespace()
            guard index < bytes.count else { throw fail("unexpected end of text inside an object") }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            if bytes[index] == UInt8(ascii: "}") { index += 1; return .object(members) }
            throw fail("expected ',' or '}' in an object")
        }
    }

    mutating func array(depth: Int) throws(JSONDocument.ParseError) -> JSONDocument.Value {
        index += 1
        var elements: [JSONDocument.Node] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") { index += 1; return .array(elements) }
        while true {
            skipWhitespace()
            elements.append(try value(depth: depth + 1))
            skipWhitespace()
            guard index < bytes.count else { throw fail("unexpected end of text inside an array") }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            if bytes[index] == UInt8(ascii: "]") { index += 1; return .array(elements) }
            throw fail("expected ',' or ']' in an array")
        }
    }

    mutating func number() throws(JSONDocument.ParseError) -> String {
        let start = index
        func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
        if index < bytes.count, bytes[index] == UInt8(ascii: "I") {
            try literal("Infinity")
            return "-Infinity"
        }
        guard index < bytes.count, isDigit(bytes[index]) else { throw fail("expected a value") }
        if bytes[index] == 0x30 { index += 1 } else { while index < bytes.count, isDigit(bytes[index]) { index += 1 } }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard index < bytes.count, isDigit(bytes[index]) else { throw fail("expected digits after '.'") }
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard index < bytes.count, isDigit(bytes[index]) else { throw fail("expected digits in an exponent") }
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    mutating func string() throws(JSONDocument.ParseError) -> String {
        index += 1
        var utf8: [UInt8] = []
        while true {
            guard index < bytes.count else { throw fail("unterminated string") }
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") { index += 1; break }
            if byte < 0x20 { throw fail("control character in a string") }
            if byte != UInt8(ascii: "\\") { utf8.append(byte); index += 1; continue }
            index += 1
            guard index < bytes.count else { throw fail("unterminated escape") }
            let escape = bytes[index]
            index += 1
            switch escape {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): utf8.append(escape)
            case UInt8(ascii: "b"): utf8.append(0x08)
            case UInt8(ascii: "f"): utf8.append(0x0C)
            case UInt8(ascii: "n"): utf8.append(0x0A)
            case UInt8(ascii: "r"): utf8.append(0x0D)
            case UInt8(ascii: "t"): utf8.append(0x09)
            case UInt8(ascii: "u"):
                var code = try hex4()
                if (0xD800..<0xDC00).contains(code) {
                    guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                        throw fail("unpaired surrogate in \\u escape")
                    }
                    index += 2
                    let low = try hex4()
                    guard (0xDC00..<0xE000).contains(low) else { throw fail("invalid low surrogate in \\u escape") }
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                }
                guard let scalar = Unicode.Scalar(code) else { throw fail("invalid \\u escape") }
                utf8.append(contentsOf: Array(String(Character(scalar)).utf8))
            default: throw fail("invalid escape '\\\(Character(Unicode.Scalar(escape)))'")
            }
        }
        guard let text = String(validating: utf8, as: UTF8.self) else { throw fail("string is not valid UTF-8") }
        return text
    }

    mutating func hex4() throws(JSONDocument.ParseError) -> UInt32 {
        guard index + 4 <= bytes.count else { throw fail("truncated \\u escape") }
        var code: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case 0x30...0x39: digit = byte - 0x30
            case 0x41...0x46: digit = byte - 0x41 + 10
            case 0x61...0x66: digit = byte - 0x61 + 10
            default: throw fail("invalid hex digit in \\u escape")
            }
            code = code << 4 | UInt32(digit)
            index += 1
        }
        return code
    }
}
