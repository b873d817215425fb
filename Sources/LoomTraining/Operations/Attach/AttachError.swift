/// Why attaching to a run, or letting clients attach, failed; each message says what to do.
public enum AttachError: Error, Equatable, CustomStringConvertible {
    /// The run's socket could not be made (the run trains on without `loom attach`).
    case setUp(path: String, reason: String)
    /// No run listens at the socket path.
    case notListening(path: String, reason: String)
    /// The socket belongs to another user.
    case permissionDenied(path: String)
    /// Another client is attached.
    case busy(String)
    /// The run refused this client.
    case refused(String)
    /// The connection ended before a reply was complete.
    case connectionClosed
    /// A system call failed.
    case system(path: String, reason: String)

    public var description: String {
        switch self {
        case let .setUp(path, reason):
            return "cannot listen for loom attach at \(path): \(reason)"
        case let .notListening(path, reason):
            return "no run is listening at \(path) (\(reason)); is the run still training, and was it started without --no attach? Its log.log says where it listens"
        case let .permissionDenied(path):
            return "permission denied on \(path): only the user who runs the job may attach (the socket is owner-only, mode 0600); attach as that user"
        case let .busy(message), let .refused(message):
            return message
        case .connectionClosed:
            return "the run closed the connection (it ended or stopped)"
        case let .system(path, reason):
            return "cannot connect to \(path): \(reason)"
        }
    }
}
