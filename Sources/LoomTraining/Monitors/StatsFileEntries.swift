import LoomFormats

/// The entries of a `stats.json` file: a JSON array of objects (non-finite numbers
/// allowed, as Loom writes them), each with its byte range in the file.
struct StatsFileEntries {
    /// The file's bytes.
    let bytes: [UInt8]
    /// The array's objects, in order.
    let objects: [JSONDocument.Node]

    /// Parses `bytes`; nil when they are not a JSON array of objects.
    init?(bytes: [UInt8]) {
        guard let root = try? JSONDocument.parse(bytes), let elements = root.value.elements,
              elements.allSatisfy({ $0.value.members != nil }) else { return nil }
        self.bytes = bytes
        objects = elements
    }
}
