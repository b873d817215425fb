/// The collective operations data-parallel training needs, over a fixed group of processes
/// (ranks `0..<size`). Every rank must call the same collectives, in the same order, with
/// buffers of the same length; otherwise the job hangs or fails.
///
/// ``MPICommunicator`` (built with `--traits MPI`) runs them over MPI;
/// ``SingleProcessCommunicator`` is the one-process group where every collective is a no-op.
public protocol Communicator: AnyObject {
    /// This process's index, `0..<size`; rank 0 is the chief.
    var rank: Int { get }
    /// The number of processes in the group.
    var size: Int { get }

    /// Combines `buffer` element-wise over all ranks, in place; every rank gets the result.
    /// - Parameters:
    ///   - buffer: The values; the same length on every rank.
    ///   - operation: How values are combined.
    /// - Throws: ``DistributedError/mpi(call:code:message:)`` when the transport fails.
    func allreduce(_ buffer: UnsafeMutableBufferPointer<Float>, operation: ReduceOperation) throws(DistributedError)

    /// ``allreduce(_:operation:)`` for `Double` values (checksums, timings).
    /// - Parameters:
    ///   - buffer: The values; the same length on every rank.
    ///   - operation: How values are combined.
    /// - Throws: ``DistributedError/mpi(call:code:message:)`` when the transport fails.
    func allreduce(_ buffer: UnsafeMutableBufferPointer<Double>, operation: ReduceOperation) throws(DistributedError)

    /// Copies `root`'s bytes into every other rank's `buffer`.
    /// - Parameters:
    ///   - buffer: The bytes; the same length on every rank.
    ///   - root: The rank whose bytes are sent.
    /// - Throws: ``DistributedError`` when the transport fails or `root` is not a rank.
    func broadcast(_ buffer: UnsafeMutableRawBufferPointer, root: Int) throws(DistributedError)

    /// Returns when every rank has called it.
    /// - Throws: ``DistributedError/mpi(call:code:message:)`` when the transport fails.
    func barrier() throws(DistributedError)

    /// Ends every process of the job with `code` (never returns). Callers log their
    /// message first (see ``DistributedRun``).
    /// - Parameter code: The exit status the job ends with.
    func abort(code: Int32) -> Never
}

extension Communicator {
    /// Whether this process is the chief (rank 0): the one that writes shared files.
    public var isChief: Bool { rank == 0 }
}
