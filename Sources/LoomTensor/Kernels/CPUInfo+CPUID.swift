extension CPUInfo {
    /// Decodes raw CPUID registers (each `[EAX, EBX, ECX, EDX]`).
    ///
    /// A vector extension counts only when the operating system saves its registers (XCR0
    /// bits 1–2 for AVX, 5–7 as well for AVX-512), as OpenBLAS checks before using it.
    /// - Parameters:
    ///   - leaf0: Leaf 0 (highest leaf, vendor in EBX, EDX, ECX); all zero when CPUID is absent.
    ///   - leaf1: Leaf 1 (signature in EAX, features in ECX).
    ///   - leaf7: Leaf 7 subleaf 0 (extended features in EBX, ECX).
    ///   - leaf7Subleaf1: Leaf 7 subleaf 1 (AVX512-BF16 in EAX bit 5).
    ///   - xcr0: The XCR0 register (0 without OSXSAVE).
    init(leaf0: [UInt32], leaf1: [UInt32], leaf7: [UInt32], leaf7Subleaf1: [UInt32], xcr0: UInt64) {
        let vendorBytes = [leaf0[1], leaf0[3], leaf0[2]].flatMap { word in (0..<4).map { UInt8(truncatingIfNeeded: word >> ($0 * 8)) } }
        let vendor = vendorBytes.allSatisfy { $0 == 0 } ? "" : String(decoding: vendorBytes, as: UTF8.self)
        let signature = leaf1[0]
        let baseFamily = Int((signature >> 8) & 0xF), baseModel = Int((signature >> 4) & 0xF)
        let extendedFamily = Int((signature >> 20) & 0xFF), extendedModel = Int((signature >> 16) & 0xF)
        let family = baseFamily == 0xF ? baseFamily + extendedFamily : baseFamily
        let model = baseFamily == 0x6 || baseFamily == 0xF ? extendedModel << 4 | baseModel : baseModel

        func bit(_ word: UInt32, _ index: UInt32) -> Bool { word & (1 << index) != 0 }
        let ymmSaved = xcr0 & 0x6 == 0x6, zmmSaved = xcr0 & 0xE6 == 0xE6
        var features: CPUFeatures = []
        if bit(leaf1[2], 20) { features.insert(.sse42) }
        if ymmSaved, bit(leaf1[2], 28) {
            features.insert(.avx)
            if bit(leaf7[1], 5) { features.insert(.avx2) }
            if bit(leaf1[2], 12) { features.insert(.fma) }
            if zmmSaved, bit(leaf7[1], 16) {
                features.insert(.avx512f)
                let subsets: [(CPUFeatures, Bool)] = [
                    (.avx512cd, bit(leaf7[1], 28)), (.avx512bw, bit(leaf7[1], 30)), (.avx512dq, bit(leaf7[1], 17)),
                    (.avx512vl, bit(leaf7[1], 31)), (.avx512vnni, bit(leaf7[2], 11)), (.avx512bf16, bit(leaf7Subleaf1[0], 5)),
                ]
                for (feature, present) in subsets where present { features.insert(feature) }
            }
        }
        self.init(vendor: vendor, family: family, model: model, features: features)
    }
}
