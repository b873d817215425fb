import Foundation
import Testing
@testable import LoomFormats
import LoomTestSupport

@Suite struct EventRoundTripTests {
    static let histogram = Histogram(values: [-2, 0, 0.5, 0.5, 3] as [Float])
    static let image = Image(width: 2, height: 1, channels: 3, pixels: [1, 2, 3, 4, 5, 6])

    @Test func everyKindRoundTripsInMemory() throws {
        let events = [
            TensorBoardEvent(wallTime: 1000.25, step: 0, fileVersion: "brain.Event:2"),
            TensorBoardEvent(wallTime: 1001.5, step: 7, values: [TensorBoardSummaryValue(tag: "loss", value: .scalar(0.25))]),
            TensorBoardEvent(wallTime: 1002, step: -3, values: [TensorBoardSummaryValue(tag: "w", value: .histogram(Self.histogram))]),
            TensorBoardEvent(wallTime: 1003, step: 1 << 40, values: [
                TensorBoardSummaryValue(tag: "img/0", value: .image(TensorBoardEncodedImage(Self.image))),
                TensorBoardSummaryValue(tag: "note", value: .text("héllo **world**")),
            ]),
        ]
        var bytes: [UInt8] = []
        for event in events { TFRecord.append(event.encoded(), to: &bytes) }
        var reader = TensorBoardEventReader(bytes: bytes)
        var decoded: [TensorBoardEvent] = []
        while let event = try reader.next() { decoded.append(event) }
        #expect(decoded == events)
    }

    /// The exact bytes of a scalar event: wall_time (1, fixed64), step (2, varint),
    /// summary (5) { value (1) { tag (1), simple_value (2, fixed32) } }.
    @Test func scalarEventBytesAreExact() {
        let event = TensorBoardEvent(wallTime: 1, step: 300, values: [TensorBoardSummaryValue(tag: "a", value: .scalar(1))])
        #expect(event.encoded() == [0x09, 0, 0, 0, 0, 0, 0, 0xF0, 0x3F, 0x10, 0xAC, 0x02,
                                    0x2A, 0x0A, 0x0A, 0x08, 0x0A, 0x01, 0x61, 0x15, 0, 0, 0x80, 0x3F])
    }

    @Test func scalarFastPathMatchesGeneralEncoder() {
        var scratch: [UInt8] = [9, 9, 9]
        for tag in ["", "a", "train/loss", String(repeating: "x", count: 200)] {
            for step: Int64 in [0, 1, 300, -5, 1 << 50] {
                TensorBoardEvent.encodeScalar(tag: tag, value: -1.5, step: step, wallTime: 1234.5, into: &scratch)
                let event = TensorBoardEvent(wallTime: 1234.5, step: step, values: [TensorBoardSummaryValue(tag: tag, value: .scalar(-1.5))])
                #expect(scratch == event.encoded())
            }
        }
    }

    @Test func aSessionStartRoundTrips() throws {
        let event = TensorBoardEvent(wallTime: 12.5, step: 301, startsSession: true)
        let payload = event.encoded()
        #expect(payload.suffix(4) == [0x3A, 0x02, 0x08, 0x01])  // field 7 (session_log), 2 bytes: status = START
        #expect(try TensorBoardEvent(decoding: payload[...]) == event)
        #expect(try TensorBoardEvent(decoding: TensorBoardEvent(wallTime: 1, step: 2).encoded()[...]).startsSession == false)
    }

    @Test func writerFilesReadBackWithEveryKind() throws {
        let dir = try TemporaryDirectory()
        let clock = TestClock(start: 1_700_000_000)
        let writer = try TensorBoardEventWriter(directory: dir.url, hostname: "testhost", clock: clock.now)
        try writer.putScalar("train/loss", 0.5, step: 1)
        try writer.putHistogram("weights", Self.histogram, step: 2)
        try writer.putImages("inputs", [Self.image, Self.image], step: 3)
        try writer.putText("notes", "epoch 1 done", step: 4)
        try writer.close()
        #expect(writer.fileURLs.map(\.lastPathComponent) == ["events.out.tfevents.1700000000.testhost"])
        let values = try TensorBoardEventReader.values(at: try #require(writer.fileURLs.first))
        let encoded = TensorBoardEncodedImage(Self.image)
        #expect(values == [
            TensorBoardRecordedValue(wallTime: 1_700_000_001, step: 1, tag: "train/loss", value: .scalar(0.5)),
            TensorBoardRecordedValue(wallTime: 1_700_000_002, step: 2, tag: "weights", value: .histogram(Self.histogram)),
            TensorBoardRecordedValue(wallTime: 1_700_000_003, step: 3, tag: "inputs/0", value: .image(encoded)),
            TensorBoardRecordedValue(wallTime: 1_700_000_003, step: 3, tag: "inputs/1", value: .image(encoded)),
            TensorBoardRecordedValue(wallTime: 1_700_000_004, step: 4, tag: "notes", value: .text("epoch 1 done")),
        ])
        let events = try TensorBoardEventReader.events(at: try #require(writer.fileURLs.first))
        #expect(events.first == TensorBoardEvent(wallTime: 1_700_000_000, step: 0, fileVersion: "brain.Event:2"))
        #expect(values.map(\.value.kind) == ["scalar", "histogram", "image", "image", "text"])
    }
}

/// A deterministic wall clock: each reading is one second after the previous one.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Double

    init(start: Double) { current = start - 1 }

    /// The clock closure to inject; `@unchecked Sendable` because `current` is guarded by `lock`.
    var now: @Sendable () -> Double {
        { [self] in
            lock.lock()
            defer { lock.unlock() }
            current += 1
            return current
        }
    }
}
