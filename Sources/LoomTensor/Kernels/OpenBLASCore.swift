/// Which OpenBLAS core (kernel set) Loom asks for on a processor that OpenBLAS's own
/// detection does not know, through `OPENBLAS_CORETYPE` set before the library loads.
///
/// OpenBLAS builds with `DYNAMIC_ARCH` (Debian's, for one) pick their kernels once, when
/// the library loads, from a table of known family/model numbers. Processors newer than the
/// table can fall to the generic "Prescott" core (SSE3 only, several times slower):
/// - Intel family 6 models 0xB0 and above (Raptor Lake, Emerald Rapids, Arrow Lake, …)
///   in OpenBLAS up to 0.3.24, whose model switch falls through to the Pentium 4 case;
/// - Intel processors whose base family is 15 (the new families 18 and 19 too), in every
///   OpenBLAS release.
/// On those processors Loom chooses from the vector extensions: SkylakeX for AVX-512
/// (F, CD, BW, DQ, VL), Haswell for Intel AVX2 + FMA, Zen for AMD AVX2 + FMA, Sandybridge for
/// AVX. Every other processor keeps OpenBLAS's own choice, and a user's
/// `OPENBLAS_CORETYPE` always wins. ("Cooperlake" is not offered: OpenBLAS 0.3.21 does not
/// accept it by name; its SGEMM kernels are SkylakeX's.)
public enum OpenBLASCore {
    /// Core names OpenBLAS reports that use no AVX2 (generic x86-64 kernels or older).
    public static let preAVX2Cores: Set<String> = [
        "Unknown", "Katmai", "Coppermine", "Northwood", "Prescott", "Banias", "Atom", "Core2", "Penryn", "Dunnington",
        "Nehalem", "Athlon", "Opteron", "Opteron_SSE3", "Barcelona", "Nano", "Sandybridge", "Bobcat", "Bulldozer",
        "Piledriver", "Steamroller",
    ]

    /// The core Loom sets through `OPENBLAS_CORETYPE` for `cpu`, or `nil` when OpenBLAS's own
    /// detection already fits it (or nothing better than generic fits).
    /// - Parameter cpu: The processor.
    /// - Returns: An OpenBLAS core name such as `SkylakeX`, `Haswell`, `Zen`, `Sandybridge`.
    public static func choice(for cpu: CPUInfo) -> String? {
        guard detectionFallsBackToGeneric(cpu) else { return nil }
        return bestCore(for: cpu)
    }

    /// Whether OpenBLAS's model table sends `cpu` to the generic Prescott core.
    /// - Parameter cpu: The processor.
    /// - Returns: `true` for the Intel processors listed in the type's documentation.
    public static func detectionFallsBackToGeneric(_ cpu: CPUInfo) -> Bool {
        guard cpu.isIntel else { return false }
        return cpu.family >= 15 || (cpu.family == 6 && cpu.model >= 0xB0)
    }

    /// The best OpenBLAS core for the vector extensions of `cpu`.
    /// - Parameter cpu: The processor.
    /// - Returns: `SkylakeX`, `Haswell` (Intel and others) or `Zen` (AMD, Hygon),
    ///   `Sandybridge`, or `nil` without AVX.
    public static func bestCore(for cpu: CPUInfo) -> String? {
        let features = cpu.features
        if features.isSuperset(of: CPUFeatures.avx512SkylakeX) { return "SkylakeX" }
        if features.isSuperset(of: [.avx2, .fma]) { return cpu.isAMD ? "Zen" : "Haswell" }
        if features.contains(.avx) { return "Sandybridge" }
        return nil
    }

    /// Whether `core` leaves the processor's vector units unused: a pre-AVX2 core on a
    /// processor with AVX2 and FMA (for `loom info`'s hint).
    /// - Parameters:
    ///   - core: The name OpenBLAS reports (`openblas_get_corename`).
    ///   - cpu: The processor.
    /// - Returns: `true` when a better core exists for `cpu`.
    public static func underuses(_ core: String, on cpu: CPUInfo) -> Bool {
        cpu.features.isSuperset(of: [.avx2, .fma]) && preAVX2Cores.contains(core)
    }
}
