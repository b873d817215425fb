#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Natural logarithm (kept in one place so the random helpers need no Foundation).
@inline(__always) func _log(_ x: Double) -> Double { log(x) }
/// Cosine.
@inline(__always) func _cos(_ x: Double) -> Double { cos(x) }
