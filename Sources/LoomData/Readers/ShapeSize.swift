/// Sizes computed from dimensions read out of a file header, checked for overflow: a
/// corrupt header may declare dimensions whose product does not fit in `Int`.
enum ShapeSize {
    /// The bytes `shape` takes at `width` bytes per element plus `headerBytes`, or nil
    /// when the total does not fit in `Int`.
    /// - Parameters:
    ///   - shape: Non-negative dimensions.
    ///   - width: Bytes per element.
    ///   - headerBytes: Bytes before the data.
    static func fileBytes(_ shape: [Int], width: Int, headerBytes: Int) -> Int? {
        var total = width
        for dimension in shape {
            let (product, overflow) = total.multipliedReportingOverflow(by: dimension)
            if overflow { return nil }
            total = product
        }
        let (sum, overflow) = total.addingReportingOverflow(headerBytes)
        return overflow ? nil : sum
    }

    /// The error for a header whose dimensions overflow.
    /// - Parameters:
    ///   - file: The file name.
    ///   - shape: The declared dimensions.
    static func tooLarge(file: String, shape: [Int]) -> DatasetReadError {
        .shapeMismatch(
            file: file, what: "the data size of dimensions \(shape)", expected: "a size that fits in memory (the header is corrupt; download or write the file again)",
            found: "more than \(Int.max) bytes"
        )
    }
}
