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
/// Before the first load, when the user has not set `OPENBLAS_CORETYPE` and OpenBLAS's own
/// detection would pick a generic core for this processor (``OpenBLASCore/choice(for:)``),
/// Loom sets `OPENBLAS_CORETYPE` to the fitting core for the load and removes it afterwards,
/// so child processes see the environment as it was. (OpenBLAS reads it only while loading.)
/// `OPENBLAS_THREAD_TIMEOUT` is set the same way, unless the user set it
/// (``BLASThreadTimeout``).
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
    /// The core OpenBLAS reports (`openblas_get_corename`), when the library is OpenBLAS.
    let core: String?
    /// Who chose ``core``; `nil` when the library is not OpenBLAS.
    let coreSource: BLASCoreSource?
    /// How long OpenBLAS's idle threads spin; `nil` when the library is not OpenBLAS.
    let threadTimeout: BLASThreadTimeout?

    private init(handle: UnsafeMutableRawPointer, path: String, sgemm: SGEMM, coreSource: BLASCoreSource, threadTimeout: BLASThreadTimeout) {
        self.path = path
        self.sgemm = sgemm
        setThreads = dlsym(handle, "openblas_set_num_threads").map { unsafeBitCast($0, to: SetThreads.self) }
        let config = dlsym(handle, "openblas_get_config").flatMap { unsafeBitCast($0, to: GetString.self)() }.map { String(cString: $0) }
        let core = dlsym(handle, "openblas_get_corename").flatMap { unsafeBitCast($0, to: GetString.self)() }.map { String(cString: $0) }
        self.core = core
        self.coreSource = core == nil ? nil : coreSource
        self.threadTimeout = core == nil ? nil : threadTimeout
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
        let source = prepareCoreType(userValue: getenv("OPENBLAS_CORETYPE").map { String(cString: $0) }, cpu: .current)
        defer { if case .loom = source { unsetenv("OPENBLAS_CORETYPE") } }
        let timeout = BLASThreadTimeout.choice(openBLASValue: getenv("OPENBLAS_THREAD_TIMEOUT").map { String(cString: $0) },
                                               gotoValue: getenv("GOTO_THREAD_TIMEOUT").map { String(cString: $0) })
        if case let .loom(exponent) = timeout { setenv("OPENBLAS_THREAD_TIMEOUT", String(exponent), 1) }
        defer { if case .loom = timeout { unsetenv("OPENBLAS_THREAD_TIMEOUT") } }
        for path in candidates {
            // A library loaded before (by another component) was initialised without Loom's choice.
            let loadedBefore = isLoaded(path)
            guard let handle = dlopen(path, RTLD_NOW | RTLD_LOCAL) else { continue }
            guard let symbol = dlsym(handle, "cblas_sgemm") else {
                dlclose(handle)
                continue
            }
            let effective: BLASCoreSource = if case .loom = source, loadedBefore { .library } else { source }
            let effectiveTimeout: BLASThreadTimeout = if case .loom = timeout, loadedBefore { .library } else { timeout }
            return BLASLibrary(handle: handle, path: path, sgemm: unsafeBitCast(symbol, to: SGEMM.self), coreSource: effective,
                               threadTimeout: effectiveTimeout)
        }
        return nil
    }

    /// Decides who chooses the OpenBLAS core and, when Loom does, sets `OPENBLAS_CORETYPE`.
    /// - Parameters:
    ///   - userValue: The user's `OPENBLAS_CORETYPE`, if set (always respected).
    ///   - cpu: The processor.
    /// - Returns: `.user`, `.loom` (the variable is now set; the caller removes it after
    ///   loading) or `.library`.
    private static func prepareCoreType(userValue: String?, cpu: CPUInfo) -> BLASCoreSource {
        let source = coreSource(userValue: userValue, cpu: cpu)
        if case let .loom(core) = source, setenv("OPENBLAS_CORETYPE", core, 1) != 0 { return .library }
        return source
    }

    /// Who chooses the OpenBLAS core: the user when `OPENBLAS_CORETYPE` is set, else Loom
    /// when ``OpenBLASCore/choice(for:)`` names a core for `cpu`, else OpenBLAS.
    /// - Parameters:
    ///   - userValue: The user's `OPENBLAS_CORETYPE`, if set.
    ///   - cpu: The processor.
    /// - Returns: The source, with the core Loom would set.
    static func coreSource(userValue: String?, cpu: CPUInfo) -> BLASCoreSource {
        if let userValue { return .user(userValue) }
        return OpenBLASCore.choice(for: cpu).map { .loom($0) } ?? .library
    }

    /// Whether `path` is already loaded in this process (`RTLD_NOLOAD` loads nothing).
    private static func isLoaded(_ path: String) -> Bool {
        guard let handle = dlopen(path, RTLD_NOW | RTLD_NOLOAD) else { return false }
        dlclose(handle)
        return true
    }
}
