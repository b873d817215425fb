import Foundation
import LoomTraining
import Synchronization

/// What `loom inspect --verify` finds: each checkpoint file of a log directory (or one
/// file) checked against its per-array CRC-32C and for finiteness, and the index
/// `checkpoint.json` checked for readability and for the files it names.
public struct CheckpointVerification: Sendable {
    /// The verdict on one file.
    public enum Status: Sendable, Equatable {
        /// Readable, every checksum matches, every value finite.
        case ok
        /// Readable and finite, but written without checksums (by an older Loom).
        case noChecksums
        /// An array's bytes do not match its checksum (the first such array), or the index is damaged.
        case damaged(String)
        /// An array holds a NaN or an infinity.
        case notFinite(String)
        /// The file cannot be read as a Loom checkpoint.
        case unreadable(String)

        /// Whether the file is unusable.
        public var isBad: Bool {
            switch self {
            case .ok, .noChecksums: return false
            case .damaged, .notFinite, .unreadable: return true
            }
        }

        /// The verdict as `loom inspect --verify` prints it.
        public var text: String {
            switch self {
            case .ok: return "OK"
            case .noChecksums: return "OK, no checksums (written by an older Loom)"
            case let .damaged(detail): return "DAMAGED: \(detail)"
            case let .notFinite(detail): return "NOT FINITE: \(detail)"
            case let .unreadable(detail): return "unreadable: \(detail)"
            }
        }
    }

    /// Each file checked (its name) and its verdict, in name order with the index last.
    public var results: [(file: String, status: Status)]

    /// Whether any file is bad (`loom inspect --verify` then exits with status 1).
    public var hasBadFiles: Bool { results.contains { $0.status.isBad } }

    /// One line per file: `<file>: <verdict>`.
    public var text: String { results.map { "\($0.file): \($0.status.text)\n" }.joined() }

    /// Checks `url`: one `.safetensors` file, or every `model-*`, `min-*` and `max-*`
    /// checkpoint of a log directory and its `checkpoint.json`.
    public static func verify(_ url: URL) -> CheckpointVerification {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            return CheckpointVerification(results: [(url.lastPathComponent, .unreadable("no such file or directory"))])
        }
        guard isDirectory.boolValue else { return CheckpointVerification(results: [(url.lastPathComponent, verifyFile(url))]) }
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).filter { name in
            name.hasSuffix(".safetensors") && ["model-", "min-", "max-"].contains { name.hasPrefix($0) }
        }.sorted()
        var results = names.map { ($0, verifyFile(url.appendingPathComponent($0))) }
        if FileManager.default.fileExists(atPath: url.appendingPathComponent(CheckpointStore.indexFileName).path) || !names.isEmpty {
            results.append((CheckpointStore.indexFileName, verifyIndex(url)))
        }
        return CheckpointVerification(results: results)
    }

    /// Reads one checkpoint completely, verifying every checksum and every value.
    static func verifyFile(_ url: URL) -> Status {
        do {
            let header = try SafeTensorsFile.readHeader(contentsOf: url)
            _ = try Checkpoint.load(contentsOf: url)
            return header.metadata[Checkpoint.checksumsKey] == nil ? .noChecksums : .ok
        } catch let error as CheckpointError {
            switch error {
            case let .checksumMismatch(_, array, stored, computed):
                return .damaged("array '\(array)' (CRC-32C \(computed), stored \(stored))")
            case let .nonFinite(array, index, value, _):
                return .notFinite("array '\(array)' holds \(value) at index \(index)")
            default:
                return .unreadable("\(error)")
            }
        } catch {
            return .unreadable("\(error)")
        }
    }

    /// Reads `checkpoint.json`: damaged when it is corrupt, missing while checkpoints exist,
    /// names files that are not there, or names files that are not checkpoints.
    static func verifyIndex(_ directory: URL) -> Status {
        let warnings = Mutex<[String]>([])
        let store = CheckpointStore(directory: directory) { warning in warnings.withLock { $0.append(warning.message) } }
        let index = store.currentIndex()
        if let first = warnings.withLock({ $0.first }) { return .damaged(first) }
        let named = (index.checkpoints + index.preserved).map(\.file) + index.copies.values.map(\.file)
        if let missing = named.first(where: { !FileManager.default.fileExists(atPath: directory.appendingPathComponent($0).path) }) {
            return .damaged("names '\(missing)', which is not there")
        }
        return .ok
    }
}
