#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The group of one process: rank 0 of 1. Reductions and broadcasts leave buffers as they
/// are, so data-parallel code runs unchanged (and can be tested) without MPI.
public final class SingleProcessCommunicator: Communicator {
    /// Creates the group.
    public init() {}

    public var rank: Int { 0 }
    public var size: Int { 1 }

    public func allreduce(_ buffer: UnsafeMutableBufferPointer<Float>, operation: ReduceOperation) throws(DistributedError) {}

    public func allreduce(_ buffer: UnsafeMutableBufferPointer<Double>, operation: ReduceOperation) throws(DistributedError) {}

    public func broadcast(_ buffer: UnsafeMutableRawBufferPointer, root: Int) throws(DistributedError) {
        guard root == 0 else { throw .invalidRoot(root, size: 1) }
    }

    public func barrier() throws(DistributedError) {}

    public func abort(code: Int32) -> Never { exit(code) }
}
