import Dispatch
import Synchronization
#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#endif

/// Process-wide kernel settings: the thread count used by LoomTensor's kernels and BLAS.
///
/// The thread count is a process setting because BLAS's is (`openblas_set_num_threads`);
/// it is read from env `LOOM_NUM_THREADS` at first use and can be changed with
/// ``threadCount``. Default: 1. Measured on the 2-vCPU reference machine, two BLAS
/// threads reach ~170 GFLOP/s when the machine is idle but collapse to a few GFLOP/s
/// as soon as another process wants a core (OpenBLAS threads spin-wait), while one
/// thread stays at ~90 GFLOP/s. Training shares the machine with the data pipeline,
/// so one thread is the predictable choice; raise it on an otherwise idle machine.
public enum Kernels {
    /// Lock-free: every kernel call reads it (a `Mutex` costs a `gettid` syscall on Linux).
    private static let threads: Atomic<Int> = {
        let fromEnvironment = getenv("LOOM_NUM_THREADS").flatMap { Int(String(cString: $0)) }
        let count = Swift.max(1, fromEnvironment ?? 1)
        BLASLibrary.shared?.setThreads?(Int32(count))
        return Atomic(count)
    }()

    /// The number of threads kernels (and BLAS) may use; at least 1. Initially
    /// env `LOOM_NUM_THREADS` (a positive integer) or 1.
    public static var threadCount: Int {
        get { threads.load(ordering: .relaxed) }
        set {
            let count = Swift.max(1, newValue)
            threads.store(count, ordering: .relaxed)
            BLASLibrary.shared?.setThreads?(Int32(count))
        }
    }

    /// Elements below which an elementwise kernel stays on one thread.
    static let parallelThreshold = 1 << 18

    /// Splits `0..<count` into at most `threadCount` contiguous chunks (aligned to
    /// `alignment`) and runs `body(range)` on each, concurrently when worthwhile.
    @inline(__always)
    static func parallelChunks(_ count: Int, minimum: Int = parallelThreshold, alignment: Int = 16, _ body: (Range<Int>) -> Void) {
        let workers = Swift.min(threadCount, count / Swift.max(minimum, 1))
        guard workers > 1 else {
            body(0..<count)
            return
        }
        let chunk = ((count + workers - 1) / workers + alignment - 1) / alignment * alignment
        withoutActuallyEscaping(body) { body in
            let work = UncheckedSendable(body)
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                let start = worker * chunk
                let end = Swift.min(count, start + chunk)
                if start < end { work.value(start..<end) }
            }
        }
    }

    /// Runs `body(index)` for every index in `0..<count`, spread over `threadCount` threads
    /// in contiguous blocks (neighbouring indices usually write neighbouring memory, so
    /// each thread keeps its own cache lines).
    static func parallelFor(_ count: Int, _ body: (Int) -> Void) {
        let workers = Swift.min(threadCount, count)
        guard workers > 1 else {
            for index in 0..<count { body(index) }
            return
        }
        withoutActuallyEscaping(body) { body in
            let work = UncheckedSendable(body)
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                for index in (worker * count / workers)..<((worker + 1) * count / workers) { work.value(index) }
            }
        }
    }

    /// The number of CPUs the system reports online.
    public static var cpuCount: Int {
        Swift.max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    }
}

/// Carries a kernel closure into `concurrentPerform`.
///
/// `@unchecked Sendable`: the closures LoomTensor's kernels pass write only to the disjoint
/// output range (or index) each worker is given and read inputs nobody writes meanwhile,
/// and `concurrentPerform` returns only after every worker has finished. No lock is needed
/// because no location is shared mutably.
struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
