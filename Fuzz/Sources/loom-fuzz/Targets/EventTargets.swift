import LoomFormats

/// TensorBoard event files: the TFRecord framing and the events inside.
enum EventTargets {
    /// Reads records and events to the end or the first error; the reader always moves
    /// forward and stops.
    static func events(_ bytes: [UInt8]) {
        var records = TFRecordReader(bytes: bytes)
        var previous = -1
        while true {
            guard let payload = try? records.next() else { break }
            require(records.offset > previous && records.offset <= bytes.count, "TFRecord offset \(records.offset) after \(previous)")
            require(payload.count + 16 <= bytes.count, "TFRecord payload larger than the file")
            previous = records.offset
        }
        var events = TensorBoardEventReader(bytes: bytes)
        var count = 0
        while (try? events.next()) != nil {
            count += 1
            require(count <= bytes.count / 16, "more events than records fit in the file")
        }
    }
}
