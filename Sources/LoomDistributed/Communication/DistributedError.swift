/// An error of a distributed run. Messages name the failing call and, for MPI, carry the
/// MPI library's own error string.
public enum DistributedError: Error, Sendable, Equatable, CustomStringConvertible {
    /// An MPI call returned an error code.
    case mpi(call: String, code: Int32, message: String)
    /// MPI was finalized earlier in this process and cannot be initialized again.
    case alreadyFinalized
    /// The ranks disagree about the size of a collective buffer (a programming error: every
    /// rank must pass buffers of the same length in the same order).
    case sizeMismatch(what: String, local: Int, smallest: Int, largest: Int)
    /// A root rank outside `0..<size`.
    case invalidRoot(Int, size: Int)

    public var description: String {
        switch self {
        case let .mpi(call, code, message):
            return "\(call) failed with MPI error \(code): \(message)"
        case .alreadyFinalized:
            return "MPI was already finalized in this process; a process can initialize MPI only once (create one MPICommunicator and keep it)"
        case let .sizeMismatch(what, local, smallest, largest):
            return "\(what): the ranks pass between \(smallest) and \(largest) values (this rank \(local)); every rank must build the same model and pass the same buffers"
        case let .invalidRoot(root, size):
            return "broadcast root \(root) is not a rank of this job (ranks 0..<\(size))"
        }
    }
}
