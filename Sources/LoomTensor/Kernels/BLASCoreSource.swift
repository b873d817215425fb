/// Who chose the OpenBLAS core in use.
public enum BLASCoreSource: Sendable, Equatable {
    /// The user, through env `OPENBLAS_CORETYPE` (the value given).
    case user(String)
    /// Loom, from CPUID, because OpenBLAS would have picked a generic core (the core set).
    case loom(String)
    /// OpenBLAS's own detection.
    case library

    /// The phrase `loom info` prints, e.g. "chosen by Loom from CPUID (OPENBLAS_CORETYPE=SkylakeX)".
    public var phrase: String {
        switch self {
        case let .user(value): return "set by the user (OPENBLAS_CORETYPE=\(value))"
        case let .loom(value): return "chosen by Loom from CPUID (OPENBLAS_CORETYPE=\(value))"
        case .library: return "OpenBLAS's own choice"
        }
    }
}
