#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#endif

/// A CBLAS library loaded at run time with `dlopen`, so Loom builds and runs without one.
///
/// Search order: the path in env `LOOM_BLAS` (the value `none` disables BLAS), then
/// `libopenblas.so.0`, `libopenblas.so`, `libblas.so.3`, `libcblas.so.3` (Accelerate on macOS).
///
/// `@unchecked Sendable`: every stored property is immutable after `init` (C function
/// pointers and strings), so sharing the instance across threads is safe.
final class BLASLibrary: @unchecked Sendable {
    typealias SGEMM = @convention(c) (
        Int32, Int32, Int32, Int32, Int32, Int32, Float, UnsafePointer<Float>?, Int32,
        UnsafePointer<Float>?, Int32, Float, UnsafeMutablePointer<Float>?, Int32
    ) -> Void
    typealias SetThreads = @convention(c) (Int32) -> Void
    typealias GetString = @convention(c) () -> UnsafePointer<CChar>?

    /// `cblas_sgemm`.
    let sgemm: SGEMM
    /// `openblas_set_num_threads`, when present.
    let setThreads: SetThreads?
    /// The library file that was loaded.
    let path: String
    /// A human-readable name, e.g. "OpenBLAS 0.3.21 (core Zen)".
    let name: String

    private init(handle: UnsafeMutableRawPointer, path: String, sgemm: SGEMM) {
        self.path = path
        self.sgemm = sgemm
        setThreads = dlsym(handle, "openblas_set_num_threads").map { unsafeBitCast($0, to: SetThreads.self) }
        let config = dlsym(handle, "openblas_get_config").flatMap { unsafeBitCast($0, to: GetString.self)() }.map { String(cString: $0) }
        let core = dlsym(handle, "openblas_get_corename").flatMap { unsafeBitCast($0, to: GetString.self)() }.map { String(cString: $0) }
        if let config {
            // "OpenBLAS 0.3.21 NO_LAPACKE DYNAMIC_ARCH …": keep the name and version.
            name = config.split(separator: " ").prefix(2).joined(separator: " ") + (core.map { " (core \($0))" } ?? "")
        } else {
            name = path.split(separator: "/").last.map(String.init) ?? path
        }
    }

    /// The library named by the environment or found first; `nil` when none loads or
    /// `LOOM_BLAS=none`. Loaded once per process.
    static let shared: BLASLibrary? = load(environment: getenv("LOOM_BLAS").map { String(cString: $0) })

    /// Loads a CBLAS following the documented search order.
    static func load(environment: String?) -> BLASLibrary? {
        if environment == "none" { return nil }
        var candidates: [String] = []
        if let environment, !environment.isEmpty { candidates.append(environment) }
        #if canImport(Darwin)
        candidates.append("/System/Library/Frameworks/Accelerate.framework/Accelerate")
        #endif
        candidates += ["libopenblas.so.0", "libopenblas.so", "libblas.so.3", "libcblas.so.3"]
        for path in candidates {
            guard let handle = dlopen(path, RTLD_NOW | RTLD_LOCAL) else { continue }
            guard let symbol = dlsym(handle, "cblas_sgemm") else {
                dlclose(handle)
                continue
            }
            return BLASLibrary(handle: handle, path: path, sgemm: unsafeBitCast(symbol, to: SGEMM.self))
        }
        return nil
    }
}
