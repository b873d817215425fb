import ArgumentParser
import LoomTensor
import LoomTraining

/// `loom info`: the Loom version, the kernels in use (BLAS, its core and who chose it, how
/// long its idle threads spin), the processor's vector extensions and the CPU count.
struct Info: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print the Loom version, the BLAS in use and its core, the CPU features and count.")
    func run() throws {
        let kernels = KernelInfo.current
        print("Loom \(LoomVersion.string)")
        if let blas = kernels.blas {
            print("Kernels: BLAS \(blas)" + (kernels.blasPath.map { " [\($0)]" } ?? ""))
        } else {
            print("Kernels: portable Swift kernels (no BLAS loaded: LOOM_BLAS=none, or none found; install OpenBLAS or set LOOM_BLAS=/path/to/libcblas.so)")
        }
        if let core = kernels.blasCore {
            print("BLAS core: \(core), \(kernels.blasCoreSource?.phrase ?? "OpenBLAS's own choice")")
            if OpenBLASCore.underuses(core, on: kernels.cpu), let better = OpenBLASCore.bestCore(for: kernels.cpu) {
                print("  hint: \(core) does not use this CPU's AVX2/AVX-512; try OPENBLAS_CORETYPE=\(better)")
            }
        }
        if let timeout = kernels.blasThreadTimeout { print("BLAS idle threads sleep after: \(timeout.phrase)") }
        print("CPU: \(kernels.cpu)")
        print("Threads: \(kernels.threadCount) (LOOM_NUM_THREADS)")
        print("CPUs: \(kernels.cpuCount)")
    }
}
