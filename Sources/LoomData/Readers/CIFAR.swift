import Foundation

/// Reads the binary versions of CIFAR-10 and CIFAR-100.
///
/// Each record is the label byte(s) then 3,072 image bytes (1,024 red, green, blue, row
/// by row). Images become `.floats(shape: [3, 32, 32])` in 0…1 (channel-first, as stored).
public enum CIFAR {
    static let imageBytes = 3 * 32 * 32

    /// Reads records from files with `labelBytes` label bytes each, checking label ranges.
    /// - Parameters:
    ///   - files: The batch files, in order.
    ///   - labelLimits: The number of classes of each label byte (`[10]`, or `[20, 100]`).
    /// - Returns: Columns: images, then one label column per label byte.
    /// - Throws: `DatasetReadError` naming a file of the wrong size or with a bad label.
    public static func read(_ files: [URL], labelLimits: [Int]) throws -> [DataComponent] {
        var records = Records(labelLimits: labelLimits)
        for url in files { try records.append(try FileBytes.read(url), file: url.path) }
        return records.columns
    }

    /// Parses the bytes of one batch file (already decompressed); see `read`.
    /// - Parameters:
    ///   - bytes: The file contents.
    ///   - file: The file name, for errors.
    ///   - labelLimits: The number of classes of each label byte (`[10]`, or `[20, 100]`).
    /// - Returns: Columns: images, then one label column per label byte.
    /// - Throws: `DatasetReadError` for a file of the wrong size or with a bad label.
    public static func parse(_ bytes: [UInt8], file: String, labelLimits: [Int]) throws -> [DataComponent] {
        var records = Records(labelLimits: labelLimits)
        try records.append(bytes, file: file)
        return records.columns
    }

    /// The records read so far, as columns.
    private struct Records {
        let labelLimits: [Int]
        var images: [Float] = []
        var labels: [[Int32]]

        init(labelLimits: [Int]) {
            self.labelLimits = labelLimits
            labels = [[Int32]](repeating: [], count: labelLimits.count)
        }

        var columns: [DataComponent] {
            let n = labels.first?.count ?? images.count / CIFAR.imageBytes
            return [.floats(shape: [n, 3, 32, 32], values: images)] + labels.map { .ints(shape: [n], values: $0) }
        }

        mutating func append(_ bytes: [UInt8], file: String) throws {
            let record = labelLimits.count + CIFAR.imageBytes
            guard !bytes.isEmpty, bytes.count % record == 0 else {
                let records = max(1, (bytes.count + record - 1) / record)
                throw DatasetReadError.wrongSize(file: file, expectedBytes: records * record, foundBytes: bytes.count)
            }
            let count = bytes.count / record
            images.reserveCapacity(images.count + count * CIFAR.imageBytes)
            for r in 0..<count {
                let base = r * record
                for (k, limit) in labelLimits.enumerated() {
                    let label = Int(bytes[base + k])
                    guard label < limit else {
                        throw DatasetReadError.shapeMismatch(file: file, what: "label \(k) of record \(r)", expected: "below \(limit)", found: "\(label)")
                    }
                    labels[k].append(Int32(label))
                }
                let start = base + labelLimits.count
                for i in start..<(start + CIFAR.imageBytes) { images.append(Float(bytes[i]) * (1 / 255)) }
            }
        }
    }
}
