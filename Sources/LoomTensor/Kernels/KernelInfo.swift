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
    /// The processor (CPUID vendor, family, model and vector extensions).
    public var cpu: CPUInfo = .current
    /// The OpenBLAS core in use (e.g. `Zen`, `SkylakeX`), when the BLAS is OpenBLAS.
    public var blasCore: String?
    /// Who chose ``blasCore``: the user, Loom from CPUID, or OpenBLAS itself.
    public var blasCoreSource: BLASCoreSource?
    /// How long OpenBLAS's idle threads spin before they sleep, and who chose it, when the
    /// BLAS is OpenBLAS.
    public var blasThreadTimeout: BLASThreadTimeout?

    /// The kernels in use now.
    public static var current: KernelInfo {
        let library = BLASLibrary.shared
        return KernelInfo(blas: library?.name, blasPath: library?.path, threadCount: Kernels.threadCount, cpuCount: Kernels.cpuCount,
                          blasCore: library?.core, blasCoreSource: library?.coreSource, blasThreadTimeout: library?.threadTimeout)
    }

    /// One line, e.g. "BLAS: OpenBLAS 0.3.21 (libopenblas.so.0), 1 thread, 2 CPUs".
    public var description: String {
        let kernels = blas.map { "BLAS: \($0)" + (blasPath.map { " (\($0))" } ?? "") } ?? "portable Swift kernels (no BLAS loaded)"
        return "\(kernels), \(threadCount) thread\(threadCount == 1 ? "" : "s"), \(cpuCount) CPU\(cpuCount == 1 ? "" : "s")"
    }
}
