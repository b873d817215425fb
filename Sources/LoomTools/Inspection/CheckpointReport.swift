import Foundation
import LoomTraining

/// What `loom inspect` shows about a safetensors file: Loom's metadata (or the raw
/// metadata of another producer's file) and each array's name, shape, dtype and size,
/// optionally with value statistics.
public struct CheckpointReport: Sendable {
    /// The file inspected.
    public var path: String
    /// The arrays as the header declares them, sorted by name.
    public var entries: [SafeTensorsEntry]
    /// Loom's metadata (with no arrays), or nil when the file is not a Loom checkpoint.
    public var checkpoint: Checkpoint?
    /// The file's raw `__metadata__`.
    public var metadata: [String: String]
    /// Value statistics per array name, when requested.
    public var summaries: [String: ArraySummary]?

    /// The file to inspect for `argument`: the file itself, or a log directory's latest
    /// readable checkpoint (skipped corrupt ones are reported through `warn`).
    ///
    /// - Throws: ``CheckpointError/noCheckpoint(directory:)`` or
    ///   ``CheckpointError/noReadableCheckpoint(directory:failures:)`` for a directory.
    public static func resolve(_ argument: String, warn: @escaping @Sendable (CheckpointWarning) -> Void) throws(CheckpointError) -> URL {
        let url = URL(fileURLWithPath: argument)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue else { return url }
        return try CheckpointStore(directory: url, warn: warn).loadLatest().url
    }

    /// Reads the header (and with `values`, the data) of the file at `url`.
    ///
    /// - Throws: ``CheckpointError/unreadable(_:)`` for a missing or corrupt file,
    ///   ``CheckpointError/invalidMetadata(path:key:value:expected:)`` for malformed Loom metadata.
    public static func make(_ url: URL, values: Bool) throws(CheckpointError) -> CheckpointReport {
        let header: SafeTensorsHeader
        do {
            header = try SafeTensorsFile.readHeader(contentsOf: url)
        } catch {
            throw .unreadable(error)
        }
        var checkpoint: Checkpoint?
        do {
            checkpoint = try Checkpoint(SafeTensorsFile(tensors: [], metadata: header.metadata), path: url.path)
        } catch {
            guard case .notALoomCheckpoint = error else { throw error }
        }
        var summaries: [String: ArraySummary]?
        if values {
            let file: SafeTensorsFile
            do {
                file = try SafeTensorsFile.read(contentsOf: url)
            } catch {
                throw .unreadable(error)
            }
            summaries = Dictionary(file.tensors.map { ($0.name, ArraySummary($0.values)) }, uniquingKeysWith: { first, _ in first })
        }
        return CheckpointReport(
            path: url.path, entries: header.entries.sorted { $0.name < $1.name }, checkpoint: checkpoint,
            metadata: header.metadata, summaries: summaries
        )
    }

    /// The total number of elements of all arrays.
    public var parameterCount: Int { entries.reduce(0) { $0 + $1.elementCount } }
}
