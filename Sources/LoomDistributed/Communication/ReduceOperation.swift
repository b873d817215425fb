/// How ``Communicator/allreduce(_:operation:)`` combines the ranks' values element-wise.
public enum ReduceOperation: Sendable, Equatable {
    /// The sum over ranks.
    case sum
    /// The largest value over ranks.
    case max
    /// The smallest value over ranks.
    case min
}
