import Foundation
@testable import LoomTensor
import Testing

@Suite struct CPUInfoTests {
    /// `[EAX, EBX, ECX, EDX]` of leaf 0 for a vendor string.
    func leaf0(_ vendor: String, maximum: UInt32 = 0x20) -> [UInt32] {
        let bytes = Array(vendor.utf8)
        func word(_ offset: Int) -> UInt32 { (0..<4).reduce(0) { $0 | UInt32(bytes[offset + $1]) << ($1 * 8) } }
        return [maximum, word(0), word(8), word(4)]
    }

    @Test func decodesAnIntelAVX512Processor() {
        // Emerald Rapids: family 6, extended model 0xC, model 0xF; AVX/FMA/SSE4.2/OSXSAVE in
        // leaf 1 ECX; AVX2, AVX-512F/DQ/CD/BW/VL in leaf 7 EBX; VNNI in ECX; BF16 in 7.1 EAX.
        let leaf1: [UInt32] = [0x000C_06F2, 0, 1 << 28 | 1 << 27 | 1 << 20 | 1 << 12, 0]
        let leaf7: [UInt32] = [0, 1 << 5 | 1 << 16 | 1 << 17 | 1 << 28 | 1 << 30 | 1 << 31, 1 << 11, 0]
        let cpu = CPUInfo(leaf0: leaf0("GenuineIntel"), leaf1: leaf1, leaf7: leaf7, leaf7Subleaf1: [1 << 5, 0, 0, 0], xcr0: 0xE7)
        #expect(cpu == CPUInfo(vendor: "GenuineIntel", family: 6, model: 0xCF, features: [
            .sse42, .avx, .avx2, .fma, .avx512f, .avx512cd, .avx512bw, .avx512dq, .avx512vl, .avx512vnni, .avx512bf16,
        ]))
        #expect(cpu.description == "GenuineIntel family 6 model 0xCF: SSE4.2 AVX AVX2 FMA AVX-512F AVX-512CD AVX-512BW AVX-512DQ AVX-512VL AVX512-BF16 AVX512-VNNI")
        // The operating system saves no ZMM state: no AVX-512; no YMM state: no AVX at all.
        let noZMM = CPUInfo(leaf0: leaf0("GenuineIntel"), leaf1: leaf1, leaf7: leaf7, leaf7Subleaf1: [1 << 5, 0, 0, 0], xcr0: 0x7)
        #expect(noZMM.features == [.sse42, .avx, .avx2, .fma])
        let noYMM = CPUInfo(leaf0: leaf0("GenuineIntel"), leaf1: leaf1, leaf7: leaf7, leaf7Subleaf1: [1 << 5, 0, 0, 0], xcr0: 0x3)
        #expect(noYMM.features == [.sse42])
    }

    @Test func decodesAnAMDFamilyWithItsExtendedFamily() {
        // Zen 4: base family 0xF + extended 0xA = 25, model 0x11.
        let leaf1: [UInt32] = [0x00A1_0F11, 0, 1 << 28 | 1 << 27 | 1 << 20 | 1 << 12, 0]
        let cpu = CPUInfo(leaf0: leaf0("AuthenticAMD"), leaf1: leaf1, leaf7: [0, 1 << 5, 0, 0], leaf7Subleaf1: [0, 0, 0, 0], xcr0: 0x7)
        #expect(cpu == CPUInfo(vendor: "AuthenticAMD", family: 25, model: 0x11, features: [.sse42, .avx, .avx2, .fma]))
        #expect(cpu.isAMD && !cpu.isIntel)
    }

    @Test func noCPUIDMeansAnEmptyDescription() {
        let cpu = CPUInfo(leaf0: [0, 0, 0, 0], leaf1: [0, 0, 0, 0], leaf7: [0, 0, 0, 0], leaf7Subleaf1: [0, 0, 0, 0], xcr0: 0)
        #expect(cpu == CPUInfo(vendor: "", family: 0, model: 0, features: []))
        #expect(cpu.description == "unknown (CPUID is not available on this processor)")
    }

    #if arch(x86_64) && os(Linux)
    /// The processor this test runs on, as the kernel describes it in /proc/cpuinfo.
    @Test func currentMatchesProcCPUInfo() throws {
        let text = try String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)
        let firstCPU = text.components(separatedBy: "\n\n")[0]
        var fields: [String: String] = [:]
        for line in firstCPU.split(separator: "\n") {
            let parts = line.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if parts.count == 2 { fields[parts[0]] = parts[1] }
        }
        let flags = Set((fields["flags"] ?? "").split(separator: " ").map(String.init))
        let cpu = CPUInfo.current
        #expect(cpu.vendor == fields["vendor_id"])
        #expect(cpu.family == fields["cpu family"].flatMap { Int($0) })
        #expect(cpu.model == fields["model"].flatMap { Int($0) })
        let pairs: [(CPUFeatures, String)] = [(.avx, "avx"), (.avx2, "avx2"), (.fma, "fma"), (.avx512f, "avx512f"), (.avx512bw, "avx512bw"),
                                              (.avx512dq, "avx512dq"), (.avx512vl, "avx512vl"), (.avx512bf16, "avx512_bf16"),
                                              (.avx512vnni, "avx512_vnni")]
        for (feature, flag) in pairs {
            #expect(cpu.features.contains(feature) == flags.contains(flag), "\(flag)")
        }
    }
    #endif
}
