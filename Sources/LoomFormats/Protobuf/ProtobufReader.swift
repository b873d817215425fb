/// A minimal protocol-buffer decoder over a byte slice: yields each field's number and
/// value; unknown fields are skipped by wire type, as protobuf requires.
struct ProtobufReader {
    /// One decoded field.
    enum Value {
        case varint(UInt64)
        case fixed64(UInt64)
        case fixed32(UInt32)
        case bytes(ArraySlice<UInt8>)
    }

    /// The message is malformed: a field runs past its end or has an unknown wire type.
    struct Malformed: Error {
        let reason: String
    }

    private let bytes: ArraySlice<UInt8>
    private var position: Int

    init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        self.position = bytes.startIndex
    }

    /// The next field, or nil at the end of the message.
    mutating func next() throws(Malformed) -> (field: Int, value: Value)? {
        guard position < bytes.endIndex else { return nil }
        let key = try readVarint()
        let field = Int(truncatingIfNeeded: key >> 3)
        switch key & 7 {
        case 0: return (field, .varint(try readVarint()))
        case 1: return (field, .fixed64(try readFixed(8)))
        case 5: return (field, .fixed32(UInt32(truncatingIfNeeded: try readFixed(4))))
        case 2:
            let length = try readVarint()
            guard length <= UInt64(bytes.endIndex - position) else {
                throw Malformed(reason: "field \(field) claims \(length) bytes, only \(bytes.endIndex - position) remain")
            }
            let start = position
            position += Int(length)
            return (field, .bytes(bytes[start..<position]))
        default:
            throw Malformed(reason: "field \(field) has unsupported wire type \(key & 7)")
        }
    }

    private mutating func readVarint() throws(Malformed) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while position < bytes.endIndex, shift < 64 {
            let byte = bytes[position]
            position += 1
            result |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return result }
            shift += 7
        }
        throw Malformed(reason: "a varint runs past the end of the message")
    }

    private mutating func readFixed(_ count: Int) throws(Malformed) -> UInt64 {
        guard bytes.endIndex - position >= count else {
            throw Malformed(reason: "a fixed-width field runs past the end of the message")
        }
        var result: UInt64 = 0
        for index in 0..<count { result |= UInt64(bytes[position + index]) << (8 * UInt64(index)) }
        position += count
        return result
    }
}

extension ProtobufReader.Value {
    var double: Double? {
        if case let .fixed64(bits) = self { return Double(bitPattern: bits) }
        return nil
    }

    var float: Float? {
        if case let .fixed32(bits) = self { return Float(bitPattern: bits) }
        return nil
    }

    var integer: Int64? {
        if case let .varint(value) = self { return Int64(bitPattern: value) }
        return nil
    }

    var slice: ArraySlice<UInt8>? {
        if case let .bytes(value) = self { return value }
        return nil
    }

    var string: String? {
        slice.map { String(decoding: $0, as: UTF8.self) }
    }

    /// A `repeated double` field, packed or one element.
    var doubles: [Double] {
        switch self {
        case let .fixed64(bits): return [Double(bitPattern: bits)]
        case let .bytes(slice):
            var result: [Double] = []
            result.reserveCapacity(slice.count / 8)
            var index = slice.startIndex
            while index + 8 <= slice.endIndex {
                var bits: UInt64 = 0
                for k in 0..<8 { bits |= UInt64(slice[index + k]) << (8 * UInt64(k)) }
                result.append(Double(bitPattern: bits))
                index += 8
            }
            return result
        default: return []
        }
    }
}
