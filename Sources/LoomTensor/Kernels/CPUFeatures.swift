/// x86-64 instruction-set extensions that decide which BLAS kernels fit a processor, as
/// CPUID reports them and the operating system enables them (XCR0).
public struct CPUFeatures: OptionSet, Sendable, Hashable {
    /// The raw bits (an internal numbering, not CPUID's).
    public let rawValue: UInt32

    /// Creates a set from its raw bits.
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// SSE4.2.
    public static let sse42 = CPUFeatures(rawValue: 1 << 0)
    /// AVX (with the operating system saving YMM state).
    public static let avx = CPUFeatures(rawValue: 1 << 1)
    /// AVX2.
    public static let avx2 = CPUFeatures(rawValue: 1 << 2)
    /// FMA3.
    public static let fma = CPUFeatures(rawValue: 1 << 3)
    /// AVX-512 Foundation (with the operating system saving ZMM state).
    public static let avx512f = CPUFeatures(rawValue: 1 << 4)
    /// AVX-512 Conflict Detection.
    public static let avx512cd = CPUFeatures(rawValue: 1 << 5)
    /// AVX-512 Byte and Word.
    public static let avx512bw = CPUFeatures(rawValue: 1 << 6)
    /// AVX-512 Doubleword and Quadword.
    public static let avx512dq = CPUFeatures(rawValue: 1 << 7)
    /// AVX-512 Vector Length extensions.
    public static let avx512vl = CPUFeatures(rawValue: 1 << 8)
    /// AVX-512 BFloat16 instructions.
    public static let avx512bf16 = CPUFeatures(rawValue: 1 << 9)
    /// AVX-512 Vector Neural Network Instructions.
    public static let avx512vnni = CPUFeatures(rawValue: 1 << 10)

    /// The AVX-512 subsets OpenBLAS's SkylakeX kernels use: F, CD, BW, DQ and VL.
    public static let avx512SkylakeX: CPUFeatures = [.avx512f, .avx512cd, .avx512bw, .avx512dq, .avx512vl]

    /// Every feature with its display name, in display order.
    public static let named: [(feature: CPUFeatures, name: String)] = [
        (.sse42, "SSE4.2"), (.avx, "AVX"), (.avx2, "AVX2"), (.fma, "FMA"), (.avx512f, "AVX-512F"),
        (.avx512cd, "AVX-512CD"), (.avx512bw, "AVX-512BW"), (.avx512dq, "AVX-512DQ"), (.avx512vl, "AVX-512VL"),
        (.avx512bf16, "AVX512-BF16"), (.avx512vnni, "AVX512-VNNI"),
    ]

    /// The display names of the features present, e.g. `["AVX", "AVX2", "FMA"]`.
    public var names: [String] { CPUFeatures.named.filter { contains($0.feature) }.map(\.name) }
}
