#if MPI
import CLoomMPI
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The processes of an MPI job (`MPI_COMM_WORLD`), available when Loom is built with
/// `--traits MPI` and started with `mpirun -np N` (started alone it is a group of one).
///
/// MPI can be initialized once per process: create one communicator at start-up, pass it
/// around, and call ``finalize()`` at the end. MPI errors are returned, not fatal
/// (`MPI_ERRORS_RETURN`), and thrown as ``DistributedError/mpi(call:code:message:)``.
public final class MPICommunicator: Communicator {
    public let rank: Int
    public let size: Int

    /// Initializes MPI (unless the process already did) and reads this process's rank.
    /// - Throws: ``DistributedError/alreadyFinalized`` after ``finalize()``, or the MPI error.
    public init() throws(DistributedError) {
        var flag: Int32 = 0
        try Self.check(MPI_Finalized(&flag), "MPI_Finalized")
        guard flag == 0 else { throw .alreadyFinalized }
        try Self.check(MPI_Initialized(&flag), "MPI_Initialized")
        if flag == 0 { try Self.check(MPI_Init(nil, nil), "MPI_Init") }
        try Self.check(MPI_Comm_set_errhandler(cloom_mpi_comm_world(), cloom_mpi_errors_return()), "MPI_Comm_set_errhandler")
        var value: Int32 = 0
        try Self.check(MPI_Comm_rank(cloom_mpi_comm_world(), &value), "MPI_Comm_rank")
        rank = Int(value)
        try Self.check(MPI_Comm_size(cloom_mpi_comm_world(), &value), "MPI_Comm_size")
        size = Int(value)
    }

    /// Shuts MPI down (call once, after the last collective, on every rank). Does nothing
    /// when MPI is already finalized.
    /// - Throws: the MPI error.
    public func finalize() throws(DistributedError) {
        var flag: Int32 = 0
        try Self.check(MPI_Finalized(&flag), "MPI_Finalized")
        if flag == 0 { try Self.check(MPI_Finalize(), "MPI_Finalize") }
    }

    public func allreduce(_ buffer: UnsafeMutableBufferPointer<Float>, operation: ReduceOperation) throws(DistributedError) {
        guard size > 1, let base = buffer.baseAddress else { return }
        try Self.check(MPI_Allreduce(cloom_mpi_in_place(), base, Int32(buffer.count), cloom_mpi_float(),
                                     Self.op(operation), cloom_mpi_comm_world()), "MPI_Allreduce")
    }

    public func allreduce(_ buffer: UnsafeMutableBufferPointer<Double>, operation: ReduceOperation) throws(DistributedError) {
        guard size > 1, let base = buffer.baseAddress else { return }
        try Self.check(MPI_Allreduce(cloom_mpi_in_place(), base, Int32(buffer.count), cloom_mpi_double(),
                                     Self.op(operation), cloom_mpi_comm_world()), "MPI_Allreduce")
    }

    public func broadcast(_ buffer: UnsafeMutableRawBufferPointer, root: Int) throws(DistributedError) {
        guard (0..<size).contains(root) else { throw .invalidRoot(root, size: size) }
        guard size > 1, let base = buffer.baseAddress else { return }
        // MPI counts are Int32: send large buffers in chunks of at most 1 GiB.
        var offset = 0
        while offset < buffer.count {
            let chunk = min(buffer.count - offset, 1 << 30)
            try Self.check(MPI_Bcast(base + offset, Int32(chunk), cloom_mpi_byte(), Int32(root), cloom_mpi_comm_world()), "MPI_Bcast")
            offset += chunk
        }
    }

    public func barrier() throws(DistributedError) {
        try Self.check(MPI_Barrier(cloom_mpi_comm_world()), "MPI_Barrier")
    }

    public func abort(code: Int32) -> Never {
        MPI_Abort(cloom_mpi_comm_world(), code)
        exit(code)
    }

    /// The library's text for an MPI error code.
    /// - Parameter code: An MPI return code.
    /// - Returns: `MPI_Error_string`'s text, or the number when there is none.
    public static func errorString(_ code: Int32) -> String {
        var text = [CChar](repeating: 0, count: Int(MPI_MAX_ERROR_STRING) + 1)
        var length: Int32 = 0
        guard MPI_Error_string(code, &text, &length) == MPI_SUCCESS else { return "unknown MPI error \(code)" }
        let bytes = text.prefix(Int(length)).map { UInt8(bitPattern: $0) }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func check(_ code: Int32, _ call: String) throws(DistributedError) {
        guard code == MPI_SUCCESS else { throw .mpi(call: call, code: code, message: errorString(code)) }
    }

    private static func op(_ operation: ReduceOperation) -> MPI_Op {
        switch operation {
        case .sum: return cloom_mpi_sum()
        case .max: return cloom_mpi_max()
        case .min: return cloom_mpi_min()
        }
    }
}
#endif
