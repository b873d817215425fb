import Foundation
@testable import LoomTensor
import Testing

/// Who chooses the OpenBLAS core before the library loads.
@Suite struct BLASCoreSourceTests {
    let emeraldRapids = CPUInfo(vendor: "GenuineIntel", family: 6, model: 0xCF, features: [.avx, .avx2, .fma, .avx512f, .avx512cd,
                                                                                         .avx512bw, .avx512dq, .avx512vl])
    let zen4 = CPUInfo(vendor: "AuthenticAMD", family: 25, model: 0x11, features: [.avx, .avx2, .fma])

    @Test func theUsersValueAlwaysWins() {
        #expect(BLASLibrary.coreSource(userValue: "Haswell", cpu: emeraldRapids) == .user("Haswell"))
        #expect(BLASLibrary.coreSource(userValue: "Zen", cpu: zen4) == .user("Zen"))
        #expect(BLASLibrary.coreSource(userValue: "", cpu: emeraldRapids) == .user(""))
    }

    @Test func loomChoosesOnlyWhereOpenBLASFallsBackToGeneric() {
        #expect(BLASLibrary.coreSource(userValue: nil, cpu: emeraldRapids) == .loom("SkylakeX"))
        #expect(BLASLibrary.coreSource(userValue: nil, cpu: zen4) == .library)
    }

    @Test func thisProcessReportsItsSource() {
        // The loaded OpenBLAS (if any) reports the source decided from this process's
        // environment and CPU (on the reference machine: OpenBLAS's own choice).
        guard let library = BLASLibrary.shared, library.core != nil else { return }
        let userValue = ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"]
        #expect(library.coreSource == BLASLibrary.coreSource(userValue: userValue, cpu: .current))
        #expect(KernelInfo.current.blasCoreSource == library.coreSource && KernelInfo.current.blasCore == library.core)
    }
}

/// How long OpenBLAS's idle threads spin: the user's variable always wins.
@Suite struct BLASThreadTimeoutTests {
    @Test func theUsersVariableWinsElseLoomSetsTwoToTheEighteenth() {
        #expect(BLASThreadTimeout.choice(openBLASValue: "28", gotoValue: nil) == .user("OPENBLAS_THREAD_TIMEOUT=28"))
        #expect(BLASThreadTimeout.choice(openBLASValue: "10", gotoValue: "20") == .user("OPENBLAS_THREAD_TIMEOUT=10"))
        #expect(BLASThreadTimeout.choice(openBLASValue: nil, gotoValue: "20") == .user("GOTO_THREAD_TIMEOUT=20"))
        #expect(BLASThreadTimeout.choice(openBLASValue: nil, gotoValue: nil) == .loom(18))
        #expect(BLASThreadTimeout.loom(18).phrase == "2^18 cycles, set by Loom (OPENBLAS_THREAD_TIMEOUT=18; OpenBLAS's default is 2^28)")
    }

    /// The variable is set only while OpenBLAS loads: child processes see the environment
    /// as it was.
    @Test func loadingLeavesTheEnvironmentAsItWas() {
        _ = BLASLibrary.shared
        #expect(getenv("OPENBLAS_THREAD_TIMEOUT") == nil || KernelInfo.current.blasThreadTimeout != .loom(18))
        if BLASLibrary.shared?.core != nil, getenv("OPENBLAS_THREAD_TIMEOUT") == nil, getenv("GOTO_THREAD_TIMEOUT") == nil {
            #expect(KernelInfo.current.blasThreadTimeout == .loom(18))
        }
    }
}
