import Foundation

extension Checkpoint {
    /// The metadata key holding each array's CRC-32C: a JSON object, array name → 8 hex digits.
    public static let checksumsKey = "loom.crc32c"

    /// The CRC-32C of each array's little-endian bytes (as they lie in the file), as the
    /// JSON text stored under ``checksumsKey``.
    static func checksumsJSON(_ arrays: [NamedArray]) -> String {
        let members = arrays.sorted { $0.name < $1.name }.map { array in
            JSONText.quoted(array.name) + ":" + JSONText.quoted(hexChecksum(array.values))
        }
        return "{" + members.joined(separator: ",") + "}"
    }

    /// Checks every array against the checksums stored in `metadata` (files written before
    /// checksums existed have none and are not checked) and that every value is finite.
    ///
    /// - Throws: ``CheckpointError/checksumMismatch(path:array:stored:computed:)`` naming the
    ///   first damaged array, ``CheckpointError/invalidMetadata(path:key:value:expected:)``
    ///   for a malformed or incomplete checksum list, ``CheckpointError/nonFinite(array:index:value:path:)``.
    static func verify(_ arrays: [NamedArray], metadata: [String: String], path: String) throws(CheckpointError) {
        if let text = metadata[checksumsKey] {
            let stored = try storedChecksums(text, path: path)
            for array in arrays {
                guard let expected = stored[array.name] else {
                    throw .invalidMetadata(path: path, key: checksumsKey, value: text, expected: "a checksum for array '\(array.name)'")
                }
                let computed = hexChecksum(array.values)
                guard computed == expected else {
                    throw .checksumMismatch(path: path, array: array.name, stored: expected, computed: computed)
                }
            }
        }
        try checkFinite(arrays, path: path)
    }

    /// Throws ``CheckpointError/nonFinite(array:index:value:path:)`` for the first NaN or infinity.
    static func checkFinite(_ arrays: [NamedArray], path: String?) throws(CheckpointError) {
        for array in arrays {
            let bad = array.values.withUnsafeBufferPointer { values -> Int? in
                values.withMemoryRebound(to: UInt32.self) { bits in
                    // An all-ones exponent (NaN or infinity) carries into bit 31 when 1 is
                    // added to the exponent field; OR-ing integers vectorises.
                    var carry: UInt32 = 0
                    for word in bits { carry |= (word & 0x7F80_0000) &+ 0x0080_0000 }
                    return carry & 0x8000_0000 == 0 ? nil : values.firstIndex { !$0.isFinite }
                }
            }
            if let bad { throw .nonFinite(array: array.name, index: bad, value: array.values[bad], path: path) }
        }
    }

    private static func storedChecksums(_ text: String, path: String) throws(CheckpointError) -> [String: String] {
        guard let members = (try? JSONDocument.parse(text))?.value.members else {
            throw .invalidMetadata(path: path, key: checksumsKey, value: text, expected: "a JSON object of array name → CRC-32C")
        }
        var result: [String: String] = [:]
        for (name, node) in members {
            guard let hex = node.value.stringValue else {
                throw .invalidMetadata(path: path, key: checksumsKey, value: text, expected: "8 hex digits for array '\(name)'")
            }
            result[name] = hex
        }
        return result
    }

    private static func hexChecksum(_ values: [Float]) -> String {
        let crc = values.withUnsafeBytes { CRC32C.checksum($0) }
        let digits = String(crc, radix: 16)
        return String(repeating: "0", count: 8 - digits.count) + digits
    }
}
