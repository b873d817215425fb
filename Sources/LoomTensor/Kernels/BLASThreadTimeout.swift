/// How long OpenBLAS's idle threads spin, waiting for the next call, before they sleep,
/// and who chose it.
///
/// OpenBLAS's default is 2^28 CPU cycles (about 0.1 s): after every multi-threaded GEMM its
/// threads keep the other cores busy for that long. Loom's kernels spread convolutions,
/// pooling and elementwise work over threads of their own, which then compete with the
/// spinning ones. Unless the user set `OPENBLAS_THREAD_TIMEOUT` (or `GOTO_THREAD_TIMEOUT`),
/// Loom sets it to ``loomExponent`` before loading OpenBLAS: back-to-back GEMMs still find
/// the threads awake. Measured on the 2-vCPU machine, two threads, seven alternated runs:
/// 300 steps of `loom train --model cnn` 2.71 s (median) with OpenBLAS's default against
/// 2.40 s, the MLP's engine steps within noise (1,589 against 1,574 steps/s).
public enum BLASThreadTimeout: Sendable, Equatable {
    /// The user, through `OPENBLAS_THREAD_TIMEOUT` or `GOTO_THREAD_TIMEOUT` (the value given).
    case user(String)
    /// Loom: 2 to the given power of cycles.
    case loom(Int)
    /// OpenBLAS's own: the library was loaded before Loom could set it.
    case library

    /// The exponent Loom sets: 2^18 cycles, about 0.1 ms at 2.5 GHz.
    public static let loomExponent = 18

    /// The phrase `loom info` prints, e.g. "2^18 cycles, set by Loom (OPENBLAS_THREAD_TIMEOUT=18)".
    public var phrase: String {
        switch self {
        case let .user(value): return "set by the user (\(value))"
        case let .loom(exponent): return "2^\(exponent) cycles, set by Loom (OPENBLAS_THREAD_TIMEOUT=\(exponent); OpenBLAS's default is 2^28)"
        case .library: return "OpenBLAS's own (loaded before Loom could set it)"
        }
    }

    /// Who sets the timeout, given the user's variables (`nil` when unset).
    static func choice(openBLASValue: String?, gotoValue: String?) -> BLASThreadTimeout {
        if let openBLASValue { return .user("OPENBLAS_THREAD_TIMEOUT=\(openBLASValue)") }
        if let gotoValue { return .user("GOTO_THREAD_TIMEOUT=\(gotoValue)") }
        return .loom(loomExponent)
    }
}
