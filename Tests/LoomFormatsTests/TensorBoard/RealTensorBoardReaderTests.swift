import Foundation
import Testing
@testable import LoomFormats
import LoomTestSupport

/// Files Loom writes, read by the real TensorBoard (`EventAccumulator`) through `LOOM_PYTHON`.
@Suite struct RealTensorBoardReaderTests {
    /// Loads the run directory with every value kept (size guidance 0) and prints one JSON
    /// object: scalars, the histogram, the images (with their PNG header parsed and the
    /// pixel data inflated with zlib) and the text, plus the text plugin's tags.
    static let script = """
    import json, struct, sys, zlib
    from tensorboard.backend.event_processing import event_accumulator as ea
    from tensorboard.util import tensor_util
    guidance = {key: 0 for key in ea.DEFAULT_SIZE_GUIDANCE}
    acc = ea.EventAccumulator(sys.argv[1], size_guidance=guidance)
    acc.Reload()
    tags = acc.Tags()
    out = {'scalars': [], 'images': [], 'text': []}
    for tag in sorted(tags['scalars']):
        out['scalars'] += [[tag, e.step, e.value] for e in acc.Scalars(tag)]
    h = acc.Histograms('weights')[0].histogram_value
    out['histogram'] = {'min': h.min, 'max': h.max, 'num': h.num, 'sum': h.sum, 'bucket_sum': sum(h.bucket),
                        'buckets': len(h.bucket), 'limits': len(h.bucket_limit)}
    for tag in sorted(tags['images']):
        for e in acc.Images(tag):
            png = e.encoded_image_string
            w, hh, depth, ctype = struct.unpack('>IIBB', png[16:26])
            pos, idat = 8, b''
            while pos < len(png):
                n, kind = struct.unpack('>I4s', png[pos:pos + 8])
                if kind == b'IDAT': idat += png[pos + 8:pos + 8 + n]
                pos += 12 + n
            out['images'].append([tag, e.step, e.width, e.height, w, hh, ctype, len(zlib.decompress(idat))])
    for tag in sorted(tags['tensors']):
        for e in acc.Tensors(tag):
            out['text'].append([tag, e.step, tensor_util.make_ndarray(e.tensor_proto).item().decode('utf-8')])
    out['text_plugin_tags'] = sorted(acc.PluginTagToContent('text').keys())
    print(json.dumps(out))
    """

    struct Output: Decodable {
        struct Histo: Decodable, Equatable {
            var min, max, num, sum: Double
            var bucket_sum: Double
            var buckets, limits: Int
        }
        var scalars: [[Scalar]]
        var histogram: Histo
        var images: [[Scalar]]
        var text: [[Scalar]]
        var text_plugin_tags: [String]
    }

    /// A JSON number or string.
    enum Scalar: Decodable, Equatable {
        case number(Double), string(String)
        init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let number = try? container.decode(Double.self) { self = .number(number) } else {
                self = .string(try container.decode(String.self))
            }
        }
    }

    @Test func tensorBoardReadsEveryKind() throws {
        guard let python = ReferencePython.interpreter(needing: ["tensorboard"]) else { return }
        let dir = try TemporaryDirectory()
        let clock = TestClock(start: 1_700_000_000)
        let writer = try TensorBoardEventWriter(directory: dir.url, hostname: "loomtest", clock: clock.now)
        var expectedScalars: [[Scalar]] = []
        for step in 0..<50 {
            let loss = 1 / Double(step + 1), accuracy = Double(step) / 50
            try writer.putScalar("train/loss", loss, step: step)
            try writer.putScalar("val/accuracy", accuracy, step: step)
            if step == 25 { try writer.startNewFile() }
        }
        for step in 0..<50 { expectedScalars.append([.string("train/loss"), .number(Double(step)), .number(Double(Float(1 / Double(step + 1))))]) }
        for step in 0..<50 { expectedScalars.append([.string("val/accuracy"), .number(Double(step)), .number(Double(Float(Double(step) / 50)))]) }
        let values = (0..<1000).map { Float($0 % 97) / 10 - 3 }
        let histogram = Histogram(values: values)
        try writer.putHistogram("weights", histogram, step: 50)
        let batch = try Image.batch(floats: (0..<(3 * 28 * 28)).map { Float($0 % 28) / 27 }, count: 3, height: 28, width: 28, channels: 1)
        try writer.putImages("inputs", batch, step: 50)
        try writer.putImage("color", Image(width: 4, height: 2, channels: 4, pixels: [UInt8](repeating: 200, count: 32)), step: 51)
        try writer.putText("notes", "**epoch** 1: loss 0.5", step: 50)
        try writer.close()
        #expect(writer.fileURLs.count == 2)

        let result = try ReferencePython.run(python: python, script: Self.script, arguments: [dir.url.path])
        try #require(result.status == 0, "\(result.error)")
        let output = try JSONDecoder().decode(Output.self, from: Data(result.output.utf8))
        #expect(output.scalars == expectedScalars)
        #expect(output.histogram == Output.Histo(min: -3, max: Double(Float(96) / 10 - 3), num: 1000, sum: histogram.sum,
                                                 bucket_sum: 1000, buckets: histogram.bucketCounts.count,
                                                 limits: histogram.bucketLimits.count))
        // [tag, step, width, height, PNG width, PNG height, colour type, inflated bytes]
        func row(_ tag: String, _ numbers: [Double]) -> [Scalar] { [.string(tag)] + numbers.map { .number($0) } }
        let digit: [Double] = [50, 28, 28, 28, 28, 0, 28 * 29]
        let expectedImages: [[Scalar]] = [
            row("color", [51, 4, 2, 4, 2, 6, 2 * (1 + 16)]),
            row("inputs/0", digit), row("inputs/1", digit), row("inputs/2", digit),
        ]
        #expect(output.images == expectedImages)
        #expect(output.text == [[.string("notes"), .number(50), .string("**epoch** 1: loss 0.5")]])
        #expect(output.text_plugin_tags == ["notes"])
    }
    /// A resumed run's session start makes TensorBoard drop what the crashed run wrote
    /// after its checkpoint (steps 4–6 of the first file), keeping the earlier steps.
    @Test func aSessionStartDropsTheStaleTail() throws {
        guard let python = ReferencePython.interpreter(needing: ["tensorboard"]) else { return }
        let dir = try TemporaryDirectory()
        let crashed = try TensorBoardEventWriter(directory: dir.url, hostname: "loomtest", clock: { 1_700_000_000 })
        for step in 1...6 { try crashed.putScalar("loss", Double(step), step: step) }
        try crashed.close()
        let resumed = try TensorBoardEventWriter(directory: dir.url, hostname: "loomtest", clock: { 1_700_000_100 })
        try resumed.putSessionStart(step: 4)
        for step in 4...7 { try resumed.putScalar("loss", Double(step * 10), step: step) }
        try resumed.close()
        let script = """
        import json, sys
        from tensorboard.backend.event_processing import event_accumulator as ea
        acc = ea.EventAccumulator(sys.argv[1], size_guidance={'scalars': 0})
        acc.Reload()
        print(json.dumps([[e.step, e.value] for e in acc.Scalars('loss')]))
        """
        let result = try ReferencePython.run(python: python, script: script, arguments: [dir.url.path])
        try #require(result.status == 0, "\(result.error)")
        let points = try JSONDecoder().decode([[Double]].self, from: Data(result.output.utf8))
        #expect(points == [[1, 1], [2, 2], [3, 3], [4, 40], [5, 50], [6, 60], [7, 70]])
        let events = try TensorBoardEventReader.events(at: try #require(resumed.fileURLs.first))
        #expect(events.filter(\.startsSession).map(\.step) == [4])
    }
}
