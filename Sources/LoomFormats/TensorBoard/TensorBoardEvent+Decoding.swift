extension TensorBoardEvent {
    /// Decodes a serialized `Event` message (one TFRecord payload).
    ///
    /// Summary values of kinds Loom does not write (audio, other plugins' tensors) are
    /// skipped; unknown fields are ignored as protobuf requires.
    /// - Throws: a description of what is malformed.
    init(decoding payload: ArraySlice<UInt8>) throws(ProtobufReader.Malformed) {
        typealias F = TensorBoardField
        self.init(wallTime: 0, step: 0)
        var reader = ProtobufReader(payload)
        while let (field, value) = try reader.next() {
            switch field {
            case F.Event.wallTime: wallTime = value.double ?? 0
            case F.Event.step: step = value.integer ?? 0
            case F.Event.fileVersion: fileVersion = value.string
            case F.Event.sessionLog:
                guard let log = value.slice else { continue }
                var logReader = ProtobufReader(log)
                while let (logField, item) = try logReader.next() {
                    if logField == F.SessionLog.status { startsSession = item.integer == F.SessionLog.start }
                }
            case F.Event.summary:
                guard let summary = value.slice else { continue }
                var summaryReader = ProtobufReader(summary)
                while let (summaryField, item) = try summaryReader.next() {
                    guard summaryField == F.Summary.value, let bytes = item.slice else { continue }
                    if let decoded = try TensorBoardSummaryValue(decoding: bytes) { values.append(decoded) }
                }
            default: continue
            }
        }
    }
}

extension TensorBoardSummaryValue {
    /// Decodes a `Summary.Value`; nil for kinds Loom does not read.
    init?(decoding bytes: ArraySlice<UInt8>) throws(ProtobufReader.Malformed) {
        typealias F = TensorBoardField
        var reader = ProtobufReader(bytes)
        var tag = ""
        var decoded: TensorBoardValue?
        var pluginName: String?
        while let (field, value) = try reader.next() {
            switch field {
            case F.Value.tag: tag = value.string ?? ""
            case F.Value.simpleValue: decoded = value.float.map { .scalar($0) }
            case F.Value.histo:
                if let slice = value.slice { decoded = .histogram(try Self.histogram(slice)) }
            case F.Value.image:
                if let slice = value.slice { decoded = .image(try Self.image(slice)) }
            case F.Value.tensor:
                if let slice = value.slice, let text = try Self.stringTensor(slice) { decoded = .text(text) }
            case F.Value.metadata:
                if let slice = value.slice { pluginName = try Self.pluginName(slice) }
            default: continue
            }
        }
        if case .text = decoded, pluginName != nil, pluginName != F.textPluginName { return nil }
        guard let decoded else { return nil }
        self.init(tag: tag, value: decoded)
    }

    private static func histogram(_ bytes: ArraySlice<UInt8>) throws(ProtobufReader.Malformed) -> Histogram {
        typealias F = TensorBoardField.Histo
        var h = Histogram(min: 0, max: 0, count: 0, sum: 0, sumSquares: 0, bucketLimits: [], bucketCounts: [])
        var reader = ProtobufReader(bytes)
        while let (field, value) = try reader.next() {
            switch field {
            case F.min: h.min = value.double ?? 0
            case F.max: h.max = value.double ?? 0
            case F.num: h.count = value.double ?? 0
            case F.sum: h.sum = value.double ?? 0
            case F.sumSquares: h.sumSquares = value.double ?? 0
            case F.bucketLimit: h.bucketLimits += value.doubles
            case F.bucket: h.bucketCounts += value.doubles
            default: continue
            }
        }
        return h
    }

    private static func image(_ bytes: ArraySlice<UInt8>) throws(ProtobufReader.Malformed) -> TensorBoardEncodedImage {
        typealias F = TensorBoardField.Image
        var image = TensorBoardEncodedImage(height: 0, width: 0, colorspace: 0, encoded: [])
        var reader = ProtobufReader(bytes)
        while let (field, value) = try reader.next() {
            switch field {
            case F.height: image.height = Int(value.integer ?? 0)
            case F.width: image.width = Int(value.integer ?? 0)
            case F.colorspace: image.colorspace = Int(value.integer ?? 0)
            case F.encoded: image.encoded = value.slice.map { Array($0) } ?? []
            default: continue
            }
        }
        return image
    }

    /// The first string of a `DT_STRING` tensor, nil for other tensors.
    private static func stringTensor(_ bytes: ArraySlice<UInt8>) throws(ProtobufReader.Malformed) -> String? {
        typealias F = TensorBoardField.Tensor
        var reader = ProtobufReader(bytes)
        var dtype: Int64 = 0
        var strings: [String] = []
        while let (field, value) = try reader.next() {
            switch field {
            case F.dtype: dtype = value.integer ?? 0
            case F.stringVal: if let string = value.string { strings.append(string) }
            default: continue
            }
        }
        guard dtype == TensorBoardField.dtypeString else { return nil }
        return strings.joined(separator: "\n")
    }

    private static func pluginName(_ bytes: ArraySlice<UInt8>) throws(ProtobufReader.Malformed) -> String? {
        var reader = ProtobufReader(bytes)
        while let (field, value) = try reader.next() {
            guard field == TensorBoardField.Metadata.pluginData, let plugin = value.slice else { continue }
            var pluginReader = ProtobufReader(plugin)
            while let (pluginField, name) = try pluginReader.next() {
                if pluginField == TensorBoardField.PluginData.pluginName { return name.string }
            }
        }
        return nil
    }
}
