/// Field numbers of TensorFlow's protos (event.proto, summary.proto, tensor.proto,
/// tensor_shape.proto), checked against TensorBoard's generated code and its reader.
enum TensorBoardField {
    enum Event { static let wallTime = 1, step = 2, fileVersion = 3, summary = 5, sessionLog = 7 }
    enum SessionLog { static let status = 1, start: Int64 = 1 }
    enum Summary { static let value = 1 }
    enum Value { static let tag = 1, simpleValue = 2, image = 4, histo = 5, tensor = 8, metadata = 9 }
    enum Histo { static let min = 1, max = 2, num = 3, sum = 4, sumSquares = 5, bucketLimit = 6, bucket = 7 }
    enum Image { static let height = 1, width = 2, colorspace = 3, encoded = 4 }
    enum Metadata { static let pluginData = 1 }
    enum PluginData { static let pluginName = 1, content = 2 }
    enum Tensor { static let dtype = 1, shape = 2, stringVal = 8 }
    /// `DataType.DT_STRING`.
    static let dtypeString: Int64 = 7
    /// The text plugin's name in `SummaryMetadata.PluginData`.
    static let textPluginName = "text"
}

extension TensorBoardEvent {
    /// The serialized `Event` message (the payload of one TFRecord).
    public func encoded() -> [UInt8] {
        typealias F = TensorBoardField
        var writer = ProtobufWriter()
        writer.double(F.Event.wallTime, wallTime)
        writer.int(F.Event.step, step)
        if let fileVersion { writer.string(F.Event.fileVersion, fileVersion) }
        if startsSession { writer.message(F.Event.sessionLog) { $0.int(F.SessionLog.status, F.SessionLog.start) } }
        if !values.isEmpty {
            writer.message(F.Event.summary) { summary in
                for value in values {
                    summary.message(F.Summary.value) { value.encode(into: &$0) }
                }
            }
        }
        return writer.bytes
    }
}

extension TensorBoardSummaryValue {
    func encode(into writer: inout ProtobufWriter) {
        typealias F = TensorBoardField
        writer.string(F.Value.tag, tag)
        switch value {
        case let .scalar(number):
            writer.float(F.Value.simpleValue, number)
        case let .histogram(histogram):
            writer.message(F.Value.histo) { h in
                h.double(F.Histo.min, histogram.min)
                h.double(F.Histo.max, histogram.max)
                h.double(F.Histo.num, histogram.count)
                h.double(F.Histo.sum, histogram.sum)
                h.double(F.Histo.sumSquares, histogram.sumSquares)
                h.packedDoubles(F.Histo.bucketLimit, histogram.bucketLimits)
                h.packedDoubles(F.Histo.bucket, histogram.bucketCounts)
            }
        case let .image(image):
            writer.message(F.Value.image) { m in
                m.int(F.Image.height, Int64(image.height))
                m.int(F.Image.width, Int64(image.width))
                m.int(F.Image.colorspace, Int64(image.colorspace))
                m.bytesField(F.Image.encoded, image.encoded)
            }
        case let .text(text):
            writer.message(F.Value.metadata) { metadata in
                metadata.message(F.Metadata.pluginData) { plugin in
                    plugin.string(F.PluginData.pluginName, F.textPluginName)
                    // TextPluginData { version = 0 } encodes to no bytes.
                    plugin.bytesField(F.PluginData.content, [UInt8]())
                }
            }
            writer.message(F.Value.tensor) { tensor in
                tensor.int(F.Tensor.dtype, F.dtypeString)
                tensor.message(F.Tensor.shape) { _ in }  // rank 0: a scalar string
                tensor.string(F.Tensor.stringVal, text)
            }
        }
    }
}
