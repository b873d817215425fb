/// A checkpoint could not be read, written or found. The message names the file or
/// directory, what was wrong, and what to do.
public enum CheckpointError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file is missing or not a valid safetensors file.
    case unreadable(SafeTensorsError)
    /// A valid safetensors file without Loom's metadata (e.g. a model exported elsewhere).
    case notALoomCheckpoint(path: String, missingKey: String)
    /// A Loom metadata value is malformed.
    case invalidMetadata(path: String, key: String, value: String, expected: String)
    /// A JSON section (callback state, data position, RNG state) is not valid JSON.
    case invalidJSON(section: String, detail: String)
    /// A name (array, metadata key, copy name, stat) is not allowed.
    case invalidName(String, reason: String)
    /// A callback's state could not be encoded as JSON.
    case stateEncoding(key: String, detail: String)
    /// A callback's stored state does not decode as the expected type.
    case stateDecoding(key: String, detail: String)
    /// The disk refused a write; the previous files (checkpoint and index) are unchanged.
    case writeFailed(FileWriteError)
    /// The directory holds no checkpoint at all.
    case noCheckpoint(directory: String)
    /// Every checkpoint in the directory is unreadable; one line per file.
    case noReadableCheckpoint(directory: String, failures: [String])
    /// No checkpoint of this step is kept in the directory.
    case unknownStep(Int, directory: String, kept: [Int])
    /// An array holds NaN or an infinity: such a model is never saved as a good
    /// checkpoint, and such a file is never loaded. `path` is nil when saving.
    case nonFinite(array: String, index: Int, value: Float, path: String?)
    /// An array's data does not match the CRC-32C stored when the file was written (a bad
    /// disk, a torn copy, an edit): the first such array is named.
    case checksumMismatch(path: String, array: String, stored: String, computed: String)

    public var description: String {
        switch self {
        case let .unreadable(error):
            return error.description
        case let .notALoomCheckpoint(path, key):
            return "'\(path)' is a safetensors file but not a Loom checkpoint: metadata key '\(key)' is missing; load its arrays with CheckpointRestore instead"
        case let .invalidMetadata(path, key, value, expected):
            return "checkpoint '\(path)': metadata '\(key)' is '\(value)', expected \(expected)"
        case let .invalidJSON(section, detail):
            return "the \(section) is not valid JSON (\(detail)); store JSON text produced by a JSON encoder"
        case let .invalidName(name, reason):
            return "'\(name)': \(reason)"
        case let .stateEncoding(key, detail):
            return "cannot encode the state of '\(key)' as JSON: \(detail)"
        case let .stateDecoding(key, detail):
            return "the saved state of '\(key)' does not match its type (was the callback's state changed?): \(detail)"
        case let .writeFailed(error):
            return error.description
        case let .noCheckpoint(directory):
            return "no checkpoint in '\(directory)' (no checkpoint.json and no model-<step>.safetensors files)"
        case let .noReadableCheckpoint(directory, failures):
            return "no readable checkpoint in '\(directory)'; every one failed:\n" + failures.map { "  " + $0 }.joined(separator: "\n")
        case let .unknownStep(step, directory, kept):
            let list = kept.isEmpty ? "none" : kept.map(String.init).joined(separator: ", ")
            return "no checkpoint of step \(step) is kept in '\(directory)' (kept steps: \(list))"
        case let .nonFinite(array, index, value, path?):
            return "checkpoint '\(path)' is not a good model: array '\(array)' holds \(value) at element \(index)"
        case let .nonFinite(array, index, value, nil):
            return "refused to save a checkpoint of a model that is not finite: array '\(array)' holds \(value) at element \(index); the newest good checkpoint is kept as the latest"
        case let .checksumMismatch(path, array, stored, computed):
            return "checkpoint '\(path)' is damaged: the data of array '\(array)' has CRC-32C \(computed), but \(stored) was stored when it was written"
        }
    }
}
