import CLoomKernels

/// The processor as CPUID describes it: vendor, family, model and the vector extensions the
/// operating system enables. Read once per process (``current``); on a processor that is not
/// x86-64 every field is empty.
public struct CPUInfo: Sendable, Equatable, CustomStringConvertible {
    /// The vendor string, e.g. `GenuineIntel`, `AuthenticAMD`; empty when unknown.
    public var vendor: String
    /// The display family (base family, plus the extended family when the base is 15).
    public var family: Int
    /// The display model (the extended model in the high nibble for families 6 and 15+).
    public var model: Int
    /// The usable vector extensions.
    public var features: CPUFeatures

    /// Creates a description from its parts (tests use this to describe other processors).
    public init(vendor: String, family: Int, model: Int, features: CPUFeatures) {
        self.vendor = vendor
        self.family = family
        self.model = model
        self.features = features
    }

    /// Whether the vendor is Intel.
    public var isIntel: Bool { vendor == "GenuineIntel" }

    /// Whether the vendor is AMD or Hygon (OpenBLAS treats Hygon as AMD).
    public var isAMD: Bool { vendor == "AuthenticAMD" || vendor == "HygonGenuine" }

    /// The processor this process runs on.
    public static let current = CPUInfo.read()

    /// One line, e.g. "GenuineIntel family 6 model 0xCF: SSE4.2 AVX AVX2 FMA AVX-512F …".
    public var description: String {
        guard !vendor.isEmpty else { return "unknown (CPUID is not available on this processor)" }
        let hexModel = "0x" + String(model, radix: 16, uppercase: true)
        let list = features.names
        return "\(vendor) family \(family) model \(hexModel): " + (list.isEmpty ? "no AVX" : list.joined(separator: " "))
    }

    /// Reads CPUID through `CLoomKernels`.
    static func read() -> CPUInfo {
        func cpuid(_ leaf: UInt32, _ subleaf: UInt32 = 0) -> [UInt32] {
            var registers: [UInt32] = [0, 0, 0, 0]
            registers.withUnsafeMutableBufferPointer { buffer in
                guard let base = buffer.baseAddress else { return }
                _ = loom_cpuid(leaf, subleaf, base)
            }
            return registers
        }
        let leaf0 = cpuid(0)
        let maximum = leaf0[0]
        return CPUInfo(leaf0: leaf0, leaf1: cpuid(1), leaf7: maximum >= 7 ? cpuid(7) : [0, 0, 0, 0],
                       leaf7Subleaf1: maximum >= 7 ? cpuid(7, 1) : [0, 0, 0, 0], xcr0: loom_xgetbv0())
    }
}
