extension TensorBoardEvent {
    /// Encodes a one-scalar event straight into `scratch` (cleared first), without the
    /// nested temporary buffers of the general encoder: the hot path of the writer.
    /// The bytes are identical to `encoded()` of the same event.
    static func encodeScalar(tag: String, value: Float, step: Int64, wallTime: Double, into scratch: inout [UInt8]) {
        typealias F = TensorBoardField
        scratch.removeAll(keepingCapacity: true)
        var writer = ProtobufWriter()
        swap(&writer.bytes, &scratch)
        let tagLength = tag.utf8.count
        let valueLength = 1 + varintSize(UInt64(tagLength)) + tagLength + 5
        let summaryLength = 1 + varintSize(UInt64(valueLength)) + valueLength
        writer.double(F.Event.wallTime, wallTime)
        writer.int(F.Event.step, step)
        writer.key(F.Event.summary, .lengthDelimited)
        writer.varint(UInt64(summaryLength))
        writer.key(F.Summary.value, .lengthDelimited)
        writer.varint(UInt64(valueLength))
        writer.string(F.Value.tag, tag)
        writer.float(F.Value.simpleValue, value)
        swap(&writer.bytes, &scratch)
    }

    /// Bytes of `value` as a protobuf varint.
    static func varintSize(_ value: UInt64) -> Int {
        var size = 1
        var rest = value >> 7
        while rest != 0 {
            size += 1
            rest >>= 7
        }
        return size
    }
}
