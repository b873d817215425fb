/// Errors raised by the dataset readers; each names the file and what was expected.
public enum DatasetReadError: Error, Equatable, CustomStringConvertible {
    /// The file could not be read.
    case cannotOpen(file: String, reason: String)
    /// A dataset directory lacks required files.
    case missingFiles(directory: String, expected: [String])
    /// The file does not start with the format's magic number.
    case badMagic(file: String, expected: String, found: String)
    /// The file is shorter or longer than its header says.
    case wrongSize(file: String, expectedBytes: Int, foundBytes: Int)
    /// Dimensions or counts disagree with the format or with a companion file.
    case shapeMismatch(file: String, what: String, expected: String, found: String)
    /// The gzip stream is corrupt or truncated, or its CRC-32 or size does not match its data.
    case corruptGzip(file: String, reason: String)
    /// A CSV line cannot be read.
    case csv(file: String, line: Int, message: String)
    /// A `.npy` header cannot be read.
    case npyHeader(file: String, reason: String)
    /// The element type is not supported.
    case unsupportedType(file: String, found: String, supported: [String])

    /// A message that says what went wrong and what to do.
    public var description: String {
        switch self {
        case let .cannotOpen(file, reason):
            return "cannot read \(file): \(reason)"
        case let .missingFiles(directory, expected):
            return "\(directory) lacks the dataset files; expected \(expected.joined(separator: ", ")) (each also accepted with .gz); download the dataset into that directory"
        case let .badMagic(file, expected, found):
            return "\(file) is not in the expected format: magic number \(found), expected \(expected)"
        case let .wrongSize(file, expected, found):
            let what = found < expected ? "truncated" : "longer than its header says"
            return "\(file) is \(what): expected \(expected) bytes, found \(found); download it again"
        case let .shapeMismatch(file, what, expected, found):
            return "\(file): \(what) is \(found), expected \(expected)"
        case let .corruptGzip(file, reason):
            return "\(file) is a damaged gzip file (\(reason)); download it again"
        case let .csv(file, line, message):
            return "\(file), line \(line): \(message)"
        case let .npyHeader(file, reason):
            return "\(file) has an invalid .npy header: \(reason)"
        case let .unsupportedType(file, found, supported):
            return "\(file) holds \(found) values; supported: \(supported.joined(separator: ", "))"
        }
    }
}
