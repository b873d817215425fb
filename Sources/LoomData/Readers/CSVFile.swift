import Foundation

/// Reads numeric CSV files: an optional header line, comma-separated numbers, and an
/// optional integer label column.
///
/// The result is an `ArrayDataFlow` with datapoint `[features, label]` (features
/// `.floats(shape: [columns])`, label `.ints(shape: [])`), or `[features]` without a label.
public enum CSVFile {
    /// Which column holds the label.
    public enum LabelColumn: Sendable, Equatable {
        /// The column with this header name (needs a header).
        case name(String)
        /// The column at this 0-based index.
        case index(Int)
    }

    /// Reads a CSV file.
    /// - Parameters:
    ///   - url: The file (raw or gzip).
    ///   - hasHeader: Whether the first line names the columns.
    ///   - label: The label column, or nil for features only.
    ///   - separator: The field separator.
    /// - Returns: The data as columns.
    /// - Throws: `DatasetReadError.csv` naming the file and line of the first problem.
    public static func read(_ url: URL, hasHeader: Bool = true, label: LabelColumn? = nil, separator: Character = ",") throws -> ArrayDataFlow {
        try parse(try FileBytes.read(url), file: url.path, hasHeader: hasHeader, label: label, separator: separator)
    }

    /// Parses CSV bytes; see `read`.
    /// - Parameters:
    ///   - bytes: The file contents (UTF-8).
    ///   - file: The file name, for errors.
    ///   - hasHeader: Whether the first line names the columns.
    ///   - label: The label column, or nil.
    ///   - separator: The field separator.
    /// - Returns: The data as columns.
    /// - Throws: `DatasetReadError.csv`.
    public static func parse(_ bytes: [UInt8], file: String, hasHeader: Bool = true, label: LabelColumn? = nil, separator: Character = ",") throws -> ArrayDataFlow {
        guard let text = String(bytes: bytes, encoding: .utf8) else {
            throw DatasetReadError.csv(file: file, line: 1, message: "the file is not UTF-8 text")
        }
        var features: [Float] = []
        var labels: [Int32] = []
        var header: [String]?
        var width: Int?
        var labelIndex: Int?
        var rows = 0
        for (offset, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let lineNumber = offset + 1
            if line.allSatisfy(\.isWhitespace) { continue }
            let fields = line.split(separator: separator, omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: CharacterSet.whitespaces.union(CharacterSet(charactersIn: "\"")))
            }
            if hasHeader, header == nil {
                header = fields
                width = fields.count
                labelIndex = try resolve(label, header: fields, width: fields.count, file: file, line: lineNumber)
                continue
            }
            if width == nil {
                width = fields.count
                labelIndex = try resolve(label, header: nil, width: fields.count, file: file, line: lineNumber)
            }
            guard fields.count == width else {
                throw DatasetReadError.csv(file: file, line: lineNumber, message: "\(fields.count) fields, expected \(width ?? 0) like the first line")
            }
            for (column, field) in fields.enumerated() {
                let name = header.map { " ('\($0[column])')" } ?? ""
                if column == labelIndex {
                    guard let value = Int32(field) else {
                        throw DatasetReadError.csv(file: file, line: lineNumber, message: "label column \(column + 1)\(name): '\(field)' is not an integer")
                    }
                    labels.append(value)
                } else {
                    guard let value = Float(field), value.isFinite else {
                        throw DatasetReadError.csv(file: file, line: lineNumber, message: "column \(column + 1)\(name): '\(field)' is not a number")
                    }
                    features.append(value)
                }
            }
            rows += 1
        }
        guard rows > 0 else { throw DatasetReadError.csv(file: file, line: 1, message: "no data rows") }
        let featureCount = (width ?? 0) - (labelIndex == nil ? 0 : 1)
        var columns: [DataComponent] = [.floats(shape: [rows, featureCount], values: features)]
        if labelIndex != nil { columns.append(.ints(shape: [rows], values: labels)) }
        return try ArrayDataFlow(columns: columns)
    }

    private static func resolve(_ label: LabelColumn?, header: [String]?, width: Int, file: String, line: Int) throws -> Int? {
        switch label {
        case nil: return nil
        case let .index(index)?:
            guard (0..<width).contains(index) else {
                throw DatasetReadError.csv(file: file, line: line, message: "label column index \(index) is out of range 0..<\(width)")
            }
            return index
        case let .name(name)?:
            guard let header else { throw DatasetReadError.csv(file: file, line: line, message: "label column '\(name)' given by name, but the file has no header") }
            guard let index = header.firstIndex(of: name) else {
                throw DatasetReadError.csv(file: file, line: line, message: "no column named '\(name)'; the header has \(header.joined(separator: ", "))")
            }
            return index
        }
    }
}
