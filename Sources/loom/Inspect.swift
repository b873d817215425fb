import ArgumentParser
import Foundation
import LoomTools
import LoomTraining

/// `loom inspect`: what a checkpoint (or any safetensors file) holds.
struct Inspect: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show a checkpoint's metadata and arrays (a .safetensors file, or a log directory's latest checkpoint).",
        discussion: """
        Exits with status 2 when the file is missing or corrupt. With --verify: one line per checkpoint file \
        (OK, DAMAGED, NOT FINITE, no checksums, unreadable) and exit status 1 when any file is bad.
        """
    )

    @Argument(help: "A .safetensors file or a log directory.")
    var path: String

    @Flag(help: "Also read the data and show each array's min, max, mean and L2 norm.")
    var values = false

    @Flag(help: "Check every checkpoint of a log directory (model-*, min-*, max-*) or one file: checksums, finiteness, and the index checkpoint.json.")
    var verify = false

    func run() throws {
        if verify {
            let verification = CheckpointVerification.verify(URL(fileURLWithPath: path))
            print(verification.text, terminator: "")
            if verification.hasBadFiles { throw ExitCode(1) }
            return
        }
        do {
            let url = try CheckpointReport.resolve(path) { warning in Terminal.error("loom inspect: warning: \(warning)") }
            print(try CheckpointReport.make(url, values: values).text, terminator: "")
        } catch {
            Terminal.error("loom inspect: \(error)")
            throw ExitCode(2)
        }
    }
}
