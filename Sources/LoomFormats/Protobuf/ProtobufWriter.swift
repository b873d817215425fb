/// A minimal protocol-buffer encoder: varints, fixed 32/64-bit fields and
/// length-delimited fields (strings, bytes, nested messages, packed doubles).
///
/// Written by hand on purpose: swift-protobuf would need `protoc` and a slow plugin
/// build for the handful of TensorBoard messages Loom writes (`Event`, `Summary`,
/// `HistogramProto`, `Summary.Image`, `TensorProto`, `SummaryMetadata`); the wire format
/// for these is five small functions.
struct ProtobufWriter {
    /// The encoded message so far.
    var bytes: [UInt8] = []

    init() {}

    /// Wire types of the protobuf encoding.
    enum WireType: UInt8 {
        case varint = 0, fixed64 = 1, lengthDelimited = 2, fixed32 = 5
    }

    mutating func varint(_ value: UInt64) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    mutating func key(_ field: Int, _ wire: WireType) {
        varint(UInt64(field) << 3 | UInt64(wire.rawValue))
    }

    /// An `int64`/`int32`/enum field (negative values take ten bytes, as protobuf says).
    mutating func int(_ field: Int, _ value: Int64) {
        key(field, .varint)
        varint(UInt64(bitPattern: value))
    }

    mutating func double(_ field: Int, _ value: Double) {
        key(field, .fixed64)
        appendLittleEndian(value.bitPattern)
    }

    mutating func float(_ field: Int, _ value: Float) {
        key(field, .fixed32)
        appendLittleEndian(value.bitPattern)
    }

    mutating func bytesField<C: Collection>(_ field: Int, _ value: C) where C.Element == UInt8 {
        key(field, .lengthDelimited)
        varint(UInt64(value.count))
        bytes.append(contentsOf: value)
    }

    mutating func string(_ field: Int, _ value: String) {
        bytesField(field, value.utf8)
    }

    /// A nested message, encoded by `body` into its own writer first (its length comes first).
    mutating func message(_ field: Int, _ body: (inout ProtobufWriter) -> Void) {
        var nested = ProtobufWriter()
        body(&nested)
        bytesField(field, nested.bytes)
    }

    /// A packed `repeated double` field.
    mutating func packedDoubles(_ field: Int, _ values: [Double]) {
        key(field, .lengthDelimited)
        varint(UInt64(values.count * 8))
        bytes.reserveCapacity(bytes.count + values.count * 8)
        for value in values { appendLittleEndian(value.bitPattern) }
    }

    mutating func appendLittleEndian<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }
}
