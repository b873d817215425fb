/// A TensorBoard event writer could not do its work. The message names the file or
/// directory, what failed and the system's reason, and says what happens next.
public enum TensorBoardWriterError: Error, Equatable, CustomStringConvertible {
    /// The log directory could not be created.
    case cannotCreateDirectory(path: String, reason: String)
    /// An event file could not be created.
    case cannotOpen(path: String, reason: String)
    /// Writing or syncing an event file failed (disk full, file or directory removed…).
    case writeFailed(path: String, operation: String, reason: String)
    /// A value was put after ``TensorBoardEventWriter/close()``.
    case closed(path: String)
    /// `maxQueue` or `flushSeconds` is not positive.
    case invalidOption(name: String, value: String)

    /// What went wrong and what to do, for logs and error output.
    public var description: String {
        let consequence = "TensorBoard summaries after this point are dropped (training continues); pass strict: true to stop instead"
        switch self {
        case let .cannotCreateDirectory(path, reason):
            return "cannot create the TensorBoard log directory '\(path)': \(reason); check the path and its permissions"
        case let .cannotOpen(path, reason):
            return "cannot create the TensorBoard event file '\(path)': \(reason); \(consequence)"
        case let .writeFailed(path, operation, reason):
            return "cannot \(operation) the TensorBoard event file '\(path)': \(reason); \(consequence)"
        case let .closed(path):
            return "the TensorBoard event writer for '\(path)' is closed; values put after close() are not written"
        case let .invalidOption(name, value):
            return "TensorBoard event writer option \(name) must be positive, got \(value)"
        }
    }
}
