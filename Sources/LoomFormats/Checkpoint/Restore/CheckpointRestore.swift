import Foundation

/// Initialises a model (all of it, or a name-filtered part) from a checkpoint file,
/// for resuming or fine-tuning, and checks that names and shapes fit.
///
/// Steps: the checkpoint's array names are renamed by ``renames`` (checkpoint name →
/// model name; names not in the map are kept); then only the names ``selection``
/// accepts are considered, on both sides. Every selected model variable must be in the
/// checkpoint with the same shape; selected checkpoint arrays the model lacks are an
/// error unless ``allowExtra``. All problems are reported together in one
/// ``CheckpointRestoreError/incompatible(path:missing:extra:shapes:)``.
///
/// Any safetensors file works (a Loom checkpoint, or one written by Python), in any
/// dtype ``SafeTensorsDType`` reads.
public struct CheckpointRestore: Sendable, Equatable {
    /// Which model variables to restore.
    public enum Selection: Sendable, Equatable {
        /// Every variable.
        case all
        /// Variables whose (model) name starts with the prefix, e.g. `backbone/`.
        case prefix(String)
        /// Variables whose (model) name contains a match of the regular expression
        /// (anchor it with `^…$` for a whole-name match).
        case regex(String)
        /// Exactly these variables.
        case names(Set<String>)
    }

    /// Which variables to restore; default ``Selection/all``.
    public var selection: Selection
    /// Checkpoint name → model name, for checkpoints whose names differ from the model's.
    public var renames: [String: String]
    /// Whether selected checkpoint arrays the model lacks are ignored (true) or an error.
    public var allowExtra: Bool

    /// Creates a restore configuration.
    public init(selection: Selection = .all, renames: [String: String] = [:], allowExtra: Bool = false) {
        self.selection = selection
        self.renames = renames
        self.allowExtra = allowExtra
    }

    /// Reads `url` and returns the arrays to import into a model with `variables`.
    ///
    /// - Returns: one array per selected variable, in the order of `variables`, named as the model names it.
    /// - Throws: ``CheckpointRestoreError``.
    public func arrays(fromFile url: URL, for variables: [CheckpointVariable]) throws(CheckpointRestoreError) -> [NamedArray] {
        let file: SafeTensorsFile
        do {
            file = try SafeTensorsFile.read(contentsOf: url)
        } catch {
            throw .unreadable(error)
        }
        return try arrays(from: file.tensors, path: url.path, for: variables)
    }

    /// Matches already-loaded arrays (e.g. ``Checkpoint/arrays``) against `variables`.
    ///
    /// - Parameters:
    ///   - source: the checkpoint's arrays.
    ///   - path: the checkpoint's path, for messages.
    ///   - variables: the model's variables.
    /// - Returns: one array per selected variable, in the order of `variables`.
    /// - Throws: ``CheckpointRestoreError``.
    public func arrays(from source: [NamedArray], path: String, for variables: [CheckpointVariable]) throws(CheckpointRestoreError) -> [NamedArray] {
        let accepts = try matcher()
        var renamed: [String: NamedArray] = [:]
        var origins: [String: [String]] = [:]
        for array in source {
            let target = renames[array.name] ?? array.name
            guard accepts(target) else { continue }
            origins[target, default: []].append(array.name)
            var copy = array
            copy.name = target
            renamed[target] = copy
        }
        if let (target, sources) = origins.first(where: { $0.value.count > 1 }) {
            throw .renameConflict(target: target, sources: sources.sorted())
        }
        var result: [NamedArray] = []
        var missing: [CheckpointVariable] = []
        var shapes: [CheckpointRestoreError.ShapeMismatch] = []
        var wanted = Set<String>()
        for variable in variables where accepts(variable.name) {
            wanted.insert(variable.name)
            guard let array = renamed[variable.name] else { missing.append(variable); continue }
            if array.shape != variable.shape {
                shapes.append(.init(name: variable.name, checkpointShape: array.shape, modelShape: variable.shape))
            } else {
                result.append(array)
            }
        }
        let extra = allowExtra ? [] : renamed.values.filter { !wanted.contains($0.name) }
            .map { CheckpointVariable(name: $0.name, shape: $0.shape) }
            .sorted { $0.name < $1.name }
        guard missing.isEmpty, extra.isEmpty, shapes.isEmpty else {
            throw .incompatible(path: path, missing: missing, extra: extra, shapes: shapes)
        }
        return result
    }

    private func matcher() throws(CheckpointRestoreError) -> (String) -> Bool {
        switch selection {
        case .all:
            return { _ in true }
        case let .prefix(prefix):
            return { $0.hasPrefix(prefix) }
        case let .names(names):
            return { names.contains($0) }
        case let .regex(pattern):
            do {
                let regex = try Regex(pattern)
                return { (try? regex.firstMatch(in: $0)) != nil }
            } catch {
                throw .invalidPattern(pattern, detail: String(describing: error))
            }
        }
    }
}
