import ArgumentParser
import LoomTensor
import LoomTraining

/// `loom info`: the Loom version, the kernels in use and the CPU count.
struct Info: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print the Loom version, the BLAS in use and the CPU count.")
    func run() throws {
        let kernels = KernelInfo.current
        print("Loom \(LoomVersion.string)")
        if let blas = kernels.blas {
            print("Kernels: BLAS \(blas)" + (kernels.blasPath.map { " [\($0)]" } ?? ""))
        } else {
            print("Kernels: portable Swift kernels (no BLAS loaded: LOOM_BLAS=none, or none found; install OpenBLAS or set LOOM_BLAS=/path/to/libcblas.so)")
        }
        print("Threads: \(kernels.threadCount) (LOOM_NUM_THREADS)")
        print("CPUs: \(kernels.cpuCount)")
    }
}
