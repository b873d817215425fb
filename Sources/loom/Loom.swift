import ArgumentParser
import Foundation
import LoomTraining

/// The `loom` command-line tool.
@main
struct Loom: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "loom",
        abstract: "Loom: train neural networks in Swift, with callbacks for everything else.",
        discussion: "Shell completion: loom --generate-completion-script bash (or zsh, fish); see the README.",
        version: LoomVersion.string,
        subcommands: [Info.self, Train.self, Attach.self, Stats.self, Plot.self, Inspect.self]
    )

    /// Runs the command; a bad option or bad input is one line on standard error and exit
    /// code 2, a failed training exit code 1, Ctrl-C exit code 130, SIGTERM 143.
    static func main() {
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
            let message = oneLine(self.message(for: error))
            let command = (["loom"] + [subcommandName].compactMap { $0 }).joined(separator: " ")
            fail("\(command): error: \(message) (see \(command) --help)", code: 2)
        }
    }

    /// The subcommand an error message names: the first argument when it is one (`train`).
    private static var subcommandName: String? {
        let names = configuration.subcommands.map { $0._commandName }
        return CommandLine.arguments.dropFirst().first.flatMap { names.contains($0) ? $0 : nil }
    }

    /// The first line of `message`, with a bulleted list of choices after it joined in (`a, b, c`).
    private static func oneLine(_ message: String) -> String {
        let lines = message.split(separator: "\n").map(String.init)
        let bullets = lines.dropFirst().prefix { $0.hasPrefix("  - ") }.map { String($0.dropFirst(4)) }
        return (lines.first ?? "") + (bullets.isEmpty ? "" : " " + bullets.joined(separator: ", "))
    }

    private static func fail(_ message: String, code: Int32) -> Never {
        FileHandle.standardError.write(Data((message + "\n").utf8))
        Foundation.exit(code)
    }
}
