import Foundation

/// One tensor's entry in a safetensors header.
public struct SafeTensorsEntry: Sendable, Equatable {
    /// The tensor's name, e.g. `conv1/W`.
    public var name: String
    /// Element type.
    public var dtype: SafeTensorsDType
    /// Dimensions; `[]` is a scalar.
    public var shape: [Int]
    /// Byte range relative to the start of the data section.
    public var dataOffsets: Range<Int>

    /// Number of elements (product of ``shape``).
    public var elementCount: Int { shape.reduce(1, *) }
}

/// The validated JSON header of a safetensors file: its tensors (in data order) and
/// its `__metadata__` string map.
///
/// Validation (``parse(_:fileSize:path:)``) checks everything that can be checked
/// without reading the data: the header length against the file size, JSON syntax,
/// the structure of every entry, known dtypes, unique names, dtype × shape against each
/// byte range, ranges contiguous from 0 without overlap, and the data size.
public struct SafeTensorsHeader: Sendable, Equatable {
    /// Tensors ordered by their position in the data section.
    public var entries: [SafeTensorsEntry]
    /// The `__metadata__` map (empty when absent).
    public var metadata: [String: String]
    /// Byte offset of the data section in the file (8 + header length).
    public var dataStart: Int

    /// Header lengths above this are rejected as corrupt (the Rust reader's limit).
    public static let maximumHeaderLength: UInt64 = 100_000_000

    /// Validates the header of a file of `fileSize` bytes whose first bytes are `prefix`.
    ///
    /// - Parameters:
    ///   - prefix: at least the first `8 + headerLength` bytes of the file (more is fine).
    ///   - fileSize: the size of the whole file.
    ///   - path: the file's path, for error messages.
    /// - Throws: ``SafeTensorsError`` naming the file and the first problem found.
    public static func parse(_ prefix: UnsafeRawBufferPointer, fileSize: Int, path: String) throws(SafeTensorsError) -> SafeTensorsHeader {
        func fail(_ problem: SafeTensorsError.Problem) -> SafeTensorsError { SafeTensorsError(path: path, problem: problem) }
        guard fileSize > 0 else { throw fail(.empty) }
        guard fileSize >= 8, prefix.count >= 8 else { throw fail(.tooShort(fileSize: fileSize)) }
        let declared = UInt64(littleEndian: prefix.loadUnaligned(as: UInt64.self))
        if declared > maximumHeaderLength { throw fail(.headerTooLarge(declared: declared, fileSize: fileSize)) }
        let headerLength = Int(declared)
        guard headerLength <= fileSize - 8 else { throw fail(.truncatedHeader(declared: headerLength, available: fileSize - 8)) }
        guard prefix.count >= 8 + headerLength else { throw fail(.truncatedHeader(declared: headerLength, available: prefix.count - 8)) }
        let json = Array(prefix[8..<(8 + headerLength)])
        let root: JSONDocument.Node
        do {
            root = try JSONDocument.parse(json)
        } catch {
            throw fail(.invalidJSON(error.description))
        }
        guard case let .object(members) = root.value else { throw fail(.invalidHeader("the JSON is not an object")) }
        var entries: [SafeTensorsEntry] = []
        var metadata: [String: String] = [:]
        var seen = Set<String>()
        var sawMetadata = false
        for (name, node) in members {
            if name == "__metadata__" {
                if sawMetadata { throw fail(.invalidMetadata("'__metadata__' appears more than once")) }
                sawMetadata = true
                metadata = try parseMetadata(node, fail: fail)
                continue
            }
            guard seen.insert(name).inserted else { throw fail(.duplicateName(name)) }
            entries.append(try parseEntry(name: name, node: node, fail: fail))
        }
        try checkLayout(entries, dataBytes: fileSize - 8 - headerLength, fail: fail)
        entries.sort { ($0.dataOffsets.lowerBound, $0.dataOffsets.upperBound) < ($1.dataOffsets.lowerBound, $1.dataOffsets.upperBound) }
        return SafeTensorsHeader(entries: entries, metadata: metadata, dataStart: 8 + headerLength)
    }

    /// Validates the header of a whole file held in `data`.
    ///
    /// - Throws: ``SafeTensorsError`` as ``parse(_:fileSize:path:)``.
    public static func parse(_ data: Data, path: String) throws(SafeTensorsError) -> SafeTensorsHeader {
        let result: Result<SafeTensorsHeader, SafeTensorsError> = data.withUnsafeBytes { raw in
            Result { () throws(SafeTensorsError) in try parse(raw, fileSize: raw.count, path: path) }
        }
        return try result.get()
    }

    private static func parseMetadata(
        _ node: JSONDocument.Node, fail: (SafeTensorsError.Problem) -> SafeTensorsError
    ) throws(SafeTensorsError) -> [String: String] {
        guard case let .object(pairs) = node.value else { throw fail(.invalidMetadata("it is not an object")) }
        var metadata: [String: String] = [:]
        for (key, value) in pairs {
            guard case let .string(text) = value.value else { throw fail(.invalidMetadata("the value of '\(key)' is not a string")) }
            guard metadata.updateValue(text, forKey: key) == nil else { throw fail(.invalidMetadata("key '\(key)' appears more than once")) }
        }
        return metadata
    }

    private static func parseEntry(
        name: String, node: JSONDocument.Node, fail: (SafeTensorsError.Problem) -> SafeTensorsError
    ) throws(SafeTensorsError) -> SafeTensorsEntry {
        guard case let .object(fields) = node.value else { throw fail(.invalidEntry(name: name, detail: "it is not an object")) }
        func field(_ key: String) -> JSONDocument.Value? { fields.last { $0.key == key }?.node.value }
        guard case let .string(dtypeName)? = field("dtype") else {
            throw fail(.invalidEntry(name: name, detail: "'dtype' is missing or not a string"))
        }
        guard let dtype = SafeTensorsDType(rawValue: dtypeName) else { throw fail(.unsupportedDType(name: name, dtype: dtypeName)) }
        guard case let .array(shapeNodes)? = field("shape"), let shape = integers(shapeNodes) else {
            throw fail(.invalidEntry(name: name, detail: "'shape' is missing or not a list of non-negative integers"))
        }
        guard case let .array(offsetNodes)? = field("data_offsets"), let offsets = integers(offsetNodes), offsets.count == 2 else {
            throw fail(.invalidEntry(name: name, detail: "'data_offsets' is missing or not two non-negative integers"))
        }
        guard offsets[0] <= offsets[1] else { throw fail(.invalidOffsets(name: name, begin: offsets[0], end: offsets[1])) }
        var expected = dtype.byteSize
        var overflow = false
        for dimension in shape where !overflow { (expected, overflow) = expected.multipliedReportingOverflow(by: dimension) }
        let found = offsets[1] - offsets[0]
        guard !overflow, expected == found else {
            throw fail(.sizeMismatch(name: name, dtype: dtypeName, shape: shape, expectedBytes: overflow ? Int.max : expected, foundBytes: found))
        }
        return SafeTensorsEntry(name: name, dtype: dtype, shape: shape, dataOffsets: offsets[0]..<offsets[1])
    }

    private static func integers(_ nodes: [JSONDocument.Node]) -> [Int]? {
        var result: [Int] = []
        for node in nodes {
            guard case let .number(text) = node.value, let value = Int(text), value >= 0 else { return nil }
            result.append(value)
        }
        return result
    }

    private static func checkLayout(
        _ entries: [SafeTensorsEntry], dataBytes: Int, fail: (SafeTensorsError.Problem) -> SafeTensorsError
    ) throws(SafeTensorsError) {
        let ordered = entries.sorted { ($0.dataOffsets.lowerBound, $0.dataOffsets.upperBound) < ($1.dataOffsets.lowerBound, $1.dataOffsets.upperBound) }
        var expectedBegin = 0
        var previous: String?
        for entry in ordered {
            let range = entry.dataOffsets
            if range.lowerBound != expectedBegin {
                if range.upperBound > dataBytes {
                    throw fail(.outOfBounds(name: entry.name, begin: range.lowerBound, end: range.upperBound, dataBytes: dataBytes))
                }
                if range.lowerBound < expectedBegin, let previous { throw fail(.overlapping(name: entry.name, previous: previous)) }
                throw fail(.gap(name: entry.name, expectedBegin: expectedBegin, begin: range.lowerBound))
            }
            expectedBegin = range.upperBound
            previous = entry.name
        }
        if expectedBegin > dataBytes { throw fail(.truncatedData(declared: expectedBegin, available: dataBytes)) }
        if expectedBegin < dataBytes { throw fail(.trailingBytes(declared: expectedBegin, available: dataBytes)) }
    }
}
