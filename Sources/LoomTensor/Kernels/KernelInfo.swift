/// A description of the kernels in use, for `loom info` and benchmark reports.
public struct KernelInfo: Sendable, Equatable, CustomStringConvertible {
    /// The BLAS library's name and configuration (e.g. "OpenBLAS 0.3.21 … (core Zen)"),
    /// or `nil` when the portable Swift kernels are used.
    public var blas: String?
    /// The library file loaded, when any.
    public var blasPath: String?
    /// Threads used by the kernels and BLAS.
    public var threadCount: Int
    /// CPUs online.
    public var cpuCount: Int

    /// The kernels in use now.
    public static var current: KernelInfo {
        KernelInfo(blas: BLASLibrary.shared?.name, blasPath: BLASLibrary.shared?.path, threadCount: Kernels.threadCount, cpuCount: Kernels.cpuCount)
    }

    /// One line, e.g. "BLAS: OpenBLAS 0.3.21 (libopenblas.so.0), 1 thread, 2 CPUs".
    public var description: String {
        let kernels = blas.map { "BLAS: \($0)" + (blasPath.map { " (\($0))" } ?? "") } ?? "portable Swift kernels (no BLAS loaded)"
        return "\(kernels), \(threadCount) thread\(threadCount == 1 ? "" : "s"), \(cpuCount) CPU\(cpuCount == 1 ? "" : "s")"
    }
}
