import ArgumentParser
import Foundation
import LoomTraining
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `loom attach`: a console to a running `loom train` from any terminal, through the
/// run's owner-only Unix domain socket (``AttachConsole``).
struct Attach: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Open a console to a running training job (stats, history, vars, get/set, save, validate, pause, stop).",
        discussion: """
        Commands run at the job's next step boundary; training goes on unless you 'pause' or 'stop' it. \
        One client at a time: while another is attached, loom attach says so and exits with status 75 (try again later). \
        Exit status 1 when there is no job to attach to or you may not attach (only the job's user may).
        """
    )

    /// The exit status when another client is attached.
    static let busyStatus: Int32 = 75

    @Argument(help: "The job's log directory (train_log/<name>).")
    var logdir: String

    @Option(name: .customLong("command"), help: ArgumentHelp(
        "Run this command, print its reply and detach (repeatable, run in order); without it, read commands from standard input.",
        valueName: "command"))
    var commands: [String] = []

    func run() throws {
        let client: AttachClient
        do {
            client = try AttachClient(logDirectory: URL(fileURLWithPath: logdir))
        } catch {
            Terminal.error("loom attach: \(error)")
            throw ExitCode(error.isBusy ? Self.busyStatus : 1)
        }
        let interactive = commands.isEmpty
        if interactive { client.greeting.forEach { print($0) } }
        do {
            if interactive {
                try converse(client)
            } else if let early = try runCommands(client) {
                Terminal.error("loom attach: the run closed the connection after '\(early)'; the later commands were not sent")
                throw ExitCode(1)
            }
        } catch let error as AttachError {
            Terminal.error("loom attach: \(error)")
            throw ExitCode(1)
        }
        client.close()
    }

    /// Runs `--command`s in order.
    /// - Returns: the command after which the run closed the connection with commands left, or nil.
    private func runCommands(_ client: AttachClient) throws(AttachError) -> String? {
        for (index, command) in commands.enumerated() {
            let reply = try client.send(command)
            reply.lines.forEach { print($0) }
            if reply.closed, index < commands.count - 1 { return command }
        }
        return nil
    }

    /// Reads commands from standard input until its end or the run closes the connection.
    private func converse(_ client: AttachClient) throws(AttachError) {
        let prompt = isatty(STDIN_FILENO) == 1
        while true {
            if prompt {
                print("loom> ", terminator: "")
                Terminal.flush()
            }
            guard let line = readLine(strippingNewline: true) else { return }
            let reply = try client.send(line)
            reply.lines.forEach { print($0) }
            Terminal.flush()
            if reply.closed { return }
        }
    }
}

extension AttachError {
    /// Whether another client is attached.
    var isBusy: Bool { if case .busy = self { true } else { false } }
}
