/// A checkpoint cannot be restored into a model; the message lists every problem at once.
public enum CheckpointRestoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file is missing or corrupt.
    case unreadable(SafeTensorsError)
    /// The name filter is not a valid regular expression.
    case invalidPattern(String, detail: String)
    /// Several checkpoint arrays would be renamed to one model name.
    case renameConflict(target: String, sources: [String])
    /// Names or shapes do not match.
    ///
    /// - `missing`: selected model variables the checkpoint lacks (with the model's shape);
    /// - `extra`: selected checkpoint arrays the model lacks (with the checkpoint's shape),
    ///   an error unless ``CheckpointRestore/allowExtra`` is set;
    /// - `shapes`: variables in both whose shapes differ.
    case incompatible(path: String, missing: [CheckpointVariable], extra: [CheckpointVariable], shapes: [ShapeMismatch])

    /// A variable whose shape differs between the checkpoint and the model.
    public struct ShapeMismatch: Sendable, Equatable {
        /// The model's name for the variable.
        public var name: String
        /// Its shape in the checkpoint.
        public var checkpointShape: [Int]
        /// The shape the model expects.
        public var modelShape: [Int]

        /// Creates a mismatch record.
        public init(name: String, checkpointShape: [Int], modelShape: [Int]) {
            self.name = name
            self.checkpointShape = checkpointShape
            self.modelShape = modelShape
        }
    }

    public var description: String {
        switch self {
        case let .unreadable(error):
            return error.description
        case let .invalidPattern(pattern, detail):
            return "the variable filter '\(pattern)' is not a valid regular expression: \(detail)"
        case let .renameConflict(target, sources):
            return "the rename map sends \(sources.map { "'\($0)'" }.joined(separator: ", ")) all to '\(target)'; each model variable can come from one array only"
        case let .incompatible(path, missing, extra, shapes):
            let file = path.split(separator: "/").last.map(String.init) ?? path
            var lines = ["checkpoint '\(file)' does not match the model (\(missing.count + extra.count + shapes.count) problem(s)):"]
            for variable in missing {
                lines.append("  missing from the checkpoint: '\(variable.name)' (model shape \(variable.shape))")
            }
            for variable in extra {
                lines.append("  not in the model: '\(variable.name)' (checkpoint shape \(variable.shape))")
            }
            for mismatch in shapes {
                lines.append("  shape mismatch: '\(mismatch.name)' is \(mismatch.checkpointShape) in the checkpoint, \(mismatch.modelShape) in the model")
            }
            if !extra.isEmpty { lines.append("Set allowExtra to ignore arrays the model lacks, or narrow the selection.") }
            if !missing.isEmpty { lines.append("Narrow the selection (prefix or regex) to restore only what the checkpoint has, or add a rename.") }
            return lines.joined(separator: "\n")
        }
    }
}
