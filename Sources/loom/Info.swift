import ArgumentParser
import LoomTraining

/// `loom info`: the Loom version, the kernels in use and the CPU count.
struct Info: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print the Loom version, the BLAS in use and the CPU count.")
    func run() throws {
        print("Loom \(LoomVersion.string)")
    }
}
