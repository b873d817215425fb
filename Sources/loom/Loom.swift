import ArgumentParser
import Foundation
import LoomTensor

/// The `loom` command-line tool.
@main
struct Loom: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "loom",
        abstract: "Loom: train neural networks in Swift, with callbacks for everything else.",
        subcommands: [Info.self, Train.self, Stats.self, Plot.self, Inspect.self]
    )

    /// Runs the command; a bad option or bad input is one line on standard error and exit
    /// code 2, a failed training exit code 1, Ctrl-C exit code 130, SIGTERM 143.
    static func main() {
        Kernels.reuseFreedMemory()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let failure as TrainFailure {
            switch failure {
            case let .usage(message): fail("loom train: error: \(message)", code: 2)
            case let .training(message): fail("loom train: error: \(message)", code: 1)
            case let .interrupted(signal): Foundation.exit(128 + signal)
            }
        } catch {
            let code = exitCode(for: error)
            if code == .success || error is ExitCode { exit(withError: error) }
            let message = self.message(for: error).split(separator: "\n").first.map(String.init) ?? "\(error)"
            fail("loom: error: \(message) (see loom --help)", code: 2)
        }
    }

    private static func fail(_ message: String, code: Int32) -> Never {
        FileHandle.standardError.write(Data((message + "\n").utf8))
        Foundation.exit(code)
    }
}
