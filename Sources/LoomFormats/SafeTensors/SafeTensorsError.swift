/// A safetensors file is unreadable or cannot be written: the message names the file,
/// the problem, and the expected and found values.
public struct SafeTensorsError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file's path (or a description such as "checkpoint data" for bytes in memory).
    public var path: String
    /// What is wrong.
    public var problem: Problem

    /// Every way a safetensors file can be malformed.
    public enum Problem: Sendable, Equatable {
        /// The file has no bytes at all.
        case empty
        /// Fewer than the 8 bytes of the header length.
        case tooShort(fileSize: Int)
        /// The declared header length is implausibly large (over 100 MB) or beyond the file.
        case headerTooLarge(declared: UInt64, fileSize: Int)
        /// The file ends inside the JSON header.
        case truncatedHeader(declared: Int, available: Int)
        /// The header is not well-formed JSON.
        case invalidJSON(String)
        /// The header is JSON but not a safetensors header (wrong structure).
        case invalidHeader(String)
        /// A tensor's entry lacks a field or has one of the wrong kind.
        case invalidEntry(name: String, detail: String)
        /// A tensor's element type is not one Loom reads.
        case unsupportedDType(name: String, dtype: String)
        /// Two tensors share a name.
        case duplicateName(String)
        /// `data_offsets` are not `[begin, end]` with begin ≤ end.
        case invalidOffsets(name: String, begin: Int, end: Int)
        /// A tensor's byte count differs from dtype size × element count.
        case sizeMismatch(name: String, dtype: String, shape: [Int], expectedBytes: Int, foundBytes: Int)
        /// A tensor's bytes lie beyond the end of the data section.
        case outOfBounds(name: String, begin: Int, end: Int, dataBytes: Int)
        /// A tensor starts before the previous one ends.
        case overlapping(name: String, previous: String)
        /// Unused bytes between two tensors (or before the first).
        case gap(name: String, expectedBegin: Int, begin: Int)
        /// The data section is shorter than the header declares.
        case truncatedData(declared: Int, available: Int)
        /// The data section has bytes after the last tensor.
        case trailingBytes(declared: Int, available: Int)
        /// A metadata key or value is not a string, or is duplicated.
        case invalidMetadata(String)
        /// Writing: two arrays share a name.
        case duplicateNameOnWrite(String)
        /// Reading the file from disk failed.
        case cannotRead(reason: String)
    }

    /// Creates an error for `problem` in the file at `path`.
    public init(path: String, problem: Problem) {
        self.path = path
        self.problem = problem
    }

    /// The file's last path component, as used in messages.
    public var fileName: String {
        path.split(separator: "/").last.map(String.init) ?? path
    }

    public var description: String {
        let file = "checkpoint '\(fileName)'"
        switch problem {
        case .empty:
            return "\(file) is empty (0 bytes); it was probably cut short by a crash or a full disk"
        case let .tooShort(size):
            return "\(file) is truncated: it has \(size) bytes, fewer than the 8-byte header length"
        case let .headerTooLarge(declared, size):
            return "\(file) has a bad header: the header length is \(grouped(declared)) bytes but the file has \(grouped(size)); it is not a safetensors file or is corrupt"
        case let .truncatedHeader(declared, available):
            return "\(file) is truncated: the header says \(grouped(declared)) header bytes, the file has \(grouped(available))"
        case let .invalidJSON(detail):
            return "\(file) has a bad header: the JSON is malformed \(detail)"
        case let .invalidHeader(detail):
            return "\(file) has a bad header: \(detail)"
        case let .invalidEntry(name, detail):
            return "\(file) has a bad header entry for tensor '\(name)': \(detail)"
        case let .unsupportedDType(name, dtype):
            let known = SafeTensorsDType.allCases.map(\.rawValue).joined(separator: ", ")
            return "\(file): tensor '\(name)' has dtype '\(dtype)', which Loom cannot read (it reads \(known))"
        case let .duplicateName(name):
            return "\(file) has a bad header: tensor '\(name)' appears more than once"
        case let .invalidOffsets(name, begin, end):
            return "\(file) has a bad header: tensor '\(name)' has data_offsets [\(begin), \(end)], whose end is before its begin"
        case let .sizeMismatch(name, dtype, shape, expected, found):
            return "\(file) has a bad header: tensor '\(name)' (\(dtype), shape \(shape)) needs \(grouped(expected)) bytes but its data_offsets span \(grouped(found))"
        case let .outOfBounds(name, begin, end, dataBytes):
            return "\(file) has a bad header: tensor '\(name)' has data_offsets [\(begin), \(end)] beyond the \(grouped(dataBytes)) data bytes in the file"
        case let .overlapping(name, previous):
            return "\(file) has a bad header: the bytes of tensor '\(name)' overlap those of '\(previous)'"
        case let .gap(name, expectedBegin, begin):
            return "\(file) has a bad header: tensor '\(name)' begins at byte \(begin) of the data, expected \(expectedBegin) (tensors must be contiguous)"
        case let .truncatedData(declared, available):
            return "\(file) is truncated: the header says \(grouped(declared)) data bytes, the file has \(grouped(available))"
        case let .trailingBytes(declared, available):
            return "\(file) is corrupt: the header says \(grouped(declared)) data bytes, the file has \(grouped(available))"
        case let .invalidMetadata(detail):
            return "\(file) has bad __metadata__: \(detail)"
        case let .duplicateNameOnWrite(name):
            return "cannot write \(file): two arrays are named '\(name)'; names must be unique"
        case let .cannotRead(reason):
            return "cannot read \(file) (\(path)): \(reason)"
        }
    }
}

/// `1234567` as "1,234,567".
func grouped<Number: BinaryInteger>(_ value: Number) -> String {
    let digits = String(value.magnitude)
    var result = ""
    for (index, digit) in digits.enumerated() {
        if index > 0, (digits.count - index) % 3 == 0 { result.append(",") }
        result.append(digit)
    }
    return value < 0 ? "-" + result : result
}
