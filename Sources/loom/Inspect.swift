import ArgumentParser
import Foundation
import LoomTools
import LoomTraining

/// `loom inspect`: what a checkpoint (or any safetensors file) holds.
struct Inspect: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show a checkpoint's metadata and arrays (a .safetensors file, or a log directory's latest checkpoint).",
        discussion: "Exits with status 2 when the file is missing or corrupt."
    )

    @Argument(help: "A .safetensors file or a log directory.")
    var path: String

    @Flag(help: "Also read the data and show each array's min, max, mean and L2 norm.")
    var values = false

    func run() throws {
        do {
            let url = try CheckpointReport.resolve(path) { warning in Terminal.error("loom inspect: warning: \(warning)") }
            print(try CheckpointReport.make(url, values: values).text, terminator: "")
        } catch {
            Terminal.error("loom inspect: \(error)")
            throw ExitCode(2)
        }
    }
}
