import LoomTensor
import Testing

@Suite struct OpenBLASCoreTests {
    static let avx2: CPUFeatures = [.sse42, .avx, .avx2, .fma]
    static let avx512: CPUFeatures = avx2.union(CPUFeatures.avx512SkylakeX)
    static let avx512BF16: CPUFeatures = avx512.union([.avx512bf16, .avx512vnni])

    /// (processor, the core Loom sets or nil) — one row per kind of processor.
    static let table: [(name: String, cpu: CPUInfo, core: String?)] = [
        ("Emerald Rapids (OpenBLAS ≤ 0.3.24: Prescott)", CPUInfo(vendor: "GenuineIntel", family: 6, model: 0xCF, features: avx512BF16), "SkylakeX"),
        ("Raptor Lake (Prescott)", CPUInfo(vendor: "GenuineIntel", family: 6, model: 0xB7, features: avx2), "Haswell"),
        ("Arrow Lake (Prescott)", CPUInfo(vendor: "GenuineIntel", family: 6, model: 0xC6, features: avx2), "Haswell"),
        ("Intel family 19 (Prescott in every release)", CPUInfo(vendor: "GenuineIntel", family: 19, model: 0x01, features: avx512BF16), "SkylakeX"),
        ("Intel family 6, 0xB0+, AVX only", CPUInfo(vendor: "GenuineIntel", family: 6, model: 0xBE, features: [.sse42, .avx]), "Sandybridge"),
        ("Sapphire Rapids (known: Cooperlake)", CPUInfo(vendor: "GenuineIntel", family: 6, model: 0x8F, features: avx512BF16), nil),
        ("Skylake-SP (known: SkylakeX)", CPUInfo(vendor: "GenuineIntel", family: 6, model: 0x55, features: avx512), nil),
        ("Granite Rapids (unknown, feature fallback)", CPUInfo(vendor: "GenuineIntel", family: 6, model: 0xAD, features: avx512BF16), nil),
        ("Haswell (known)", CPUInfo(vendor: "GenuineIntel", family: 6, model: 0x3F, features: avx2), nil),
        ("Pentium 4 (Prescott is right)", CPUInfo(vendor: "GenuineIntel", family: 15, model: 0x04, features: []), nil),
        ("Zen 3 (known: Zen)", CPUInfo(vendor: "AuthenticAMD", family: 25, model: 0x01, features: avx2), nil),
        ("Zen 4, the reference machine (known: Cooperlake)", CPUInfo(vendor: "AuthenticAMD", family: 25, model: 0x11, features: avx512BF16), nil),
        ("Zen 5 (unknown, feature fallback)", CPUInfo(vendor: "AuthenticAMD", family: 26, model: 0x02, features: avx512BF16), nil),
        ("Hygon Dhyana (known: Zen)", CPUInfo(vendor: "HygonGenuine", family: 24, model: 0x01, features: avx2), nil),
        ("no CPUID", CPUInfo(vendor: "", family: 0, model: 0, features: []), nil),
    ]

    @Test func choiceFollowsTheTable() {
        for row in Self.table {
            #expect(OpenBLASCore.choice(for: row.cpu) == row.core, "\(row.name)")
        }
    }

    @Test func bestCoreFollowsTheVectorExtensions() {
        func cpu(_ vendor: String, _ features: CPUFeatures) -> CPUInfo { CPUInfo(vendor: vendor, family: 6, model: 0xCF, features: features) }
        #expect(OpenBLASCore.bestCore(for: cpu("GenuineIntel", Self.avx512)) == "SkylakeX")
        // AVX-512F without BW/DQ/VL (Knights Landing) is not enough for SkylakeX's kernels.
        #expect(OpenBLASCore.bestCore(for: cpu("GenuineIntel", Self.avx2.union([.avx512f, .avx512cd]))) == "Haswell")
        #expect(OpenBLASCore.bestCore(for: cpu("AuthenticAMD", Self.avx2)) == "Zen")
        #expect(OpenBLASCore.bestCore(for: cpu("AuthenticAMD", Self.avx512)) == "SkylakeX")
        #expect(OpenBLASCore.bestCore(for: cpu("GenuineIntel", [.avx, .avx2])) == "Sandybridge")
        #expect(OpenBLASCore.bestCore(for: cpu("GenuineIntel", [.sse42])) == nil)
    }

    @Test func underusedCoresAreThePreAVX2OnesOnAnAVX2Processor() {
        let modern = CPUInfo(vendor: "GenuineIntel", family: 6, model: 0xCF, features: Self.avx2)
        let old = CPUInfo(vendor: "GenuineIntel", family: 6, model: 0x1A, features: [.sse42])
        #expect(OpenBLASCore.underuses("Prescott", on: modern))
        #expect(OpenBLASCore.underuses("Sandybridge", on: modern))
        #expect(!OpenBLASCore.underuses("Haswell", on: modern))
        #expect(!OpenBLASCore.underuses("Zen", on: modern))
        #expect(!OpenBLASCore.underuses("Prescott", on: old))
    }

    @Test func sourcePhrasesNameTheChooser() {
        #expect(BLASCoreSource.user("Haswell").phrase == "set by the user (OPENBLAS_CORETYPE=Haswell)")
        #expect(BLASCoreSource.loom("SkylakeX").phrase == "chosen by Loom from CPUID (OPENBLAS_CORETYPE=SkylakeX)")
        #expect(BLASCoreSource.library.phrase == "OpenBLAS's own choice")
    }
}
