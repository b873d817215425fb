import Foundation

/// A Chrome trace (`chrome://tracing`, Perfetto): `{"traceEvents": [...]}` of complete
/// (`"ph": "X"`) events with microsecond times.
struct ChromeTrace: Encodable {
    struct Event: Encodable, Equatable {
        var name: String
        var cat: String
        var ph = "X"
        var ts: Double
        var dur: Double
        var pid: Int
        var tid: Int
    }

    var traceEvents: [Event] = []
    var displayTimeUnit = "ms"

    /// The trace as JSON (keys sorted, so the bytes are reproducible).
    func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(self)
    }
}
