import Foundation

/// The command interpreter behind the ``InjectShell`` console and ``AttachConsole`` (`loom
/// attach`): runs one command on the training thread and writes its answer to an
/// ``OutputSink``. The InjectShell session reads commands from a ``LineReader`` until
/// `continue`, `stop` or the end of input (``run(input:)``).
///
/// Commands: `stats`, `history NAME`, `vars`, `get [NAME]`, `set NAME VALUE`, `save`,
/// `validate`, `profile`, `continue`, `stop`, `help`.
final class DebugConsole {
    /// How the session ended.
    enum Outcome: Equatable {
        /// Training goes on.
        case resume
        /// Training stops (the `stop` command).
        case stop
    }

    static let prompt = "loom> "
    let context: TrainerContext
    let output: any OutputSink
    /// The callback named in log lines and messages (`InjectShell`, `AttachConsole`).
    let owner: String
    /// The help lines of the commands that steer the session (`continue`, or `pause`/`detach`).
    let sessionHelp: [String]
    let saveCheckpoint: (() throws -> URL)?
    let runValidation: (() throws -> Void)?

    init(context: TrainerContext, output: any OutputSink, owner: String = "InjectShell",
         sessionHelp: [String] = ["continue           leave the console; training goes on"],
         saveCheckpoint: (() throws -> URL)?, runValidation: (() throws -> Void)?) {
        self.context = context
        self.output = output
        self.owner = owner
        self.sessionHelp = sessionHelp
        self.saveCheckpoint = saveCheckpoint
        self.runValidation = runValidation
    }

    /// Runs the session, reading commands from `input`.
    func run(input: any LineReader) -> Outcome {
        say("Training paused at epoch \(context.loop.epochNumber), global_step \(context.loop.globalStep). Type 'help' for the commands.")
        while let line = input.readLine(prompt: Self.prompt) {
            let words = Self.words(line)
            guard let command = words.first else { continue }
            if let outcome = execute(command, Array(words.dropFirst())) { return outcome }
        }
        say("End of input; training goes on.")
        return .resume
    }

    /// A command line split into words at spaces and tabs.
    static func words(_ line: String) -> [String] {
        line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
    }

    /// Runs one command; returns an outcome when the session ends.
    func execute(_ command: String, _ arguments: [String]) -> Outcome? {
        switch command {
        case "continue", "c", "exit", "quit":
            say("Training goes on.")
            return .resume
        case "stop":
            say("Training will stop.")
            return .stop
        case "help", "?": showHelp()
        case "stats": showStats()
        case "history": showHistory(arguments)
        case "vars": showVariables()
        case "get": getHyperparameters(arguments)
        case "set": setHyperparameter(arguments)
        case "save": save()
        case "validate": validate()
        case "profile": showProfile()
        default: say("Unknown command '\(command)'. Type 'help' for the commands.")
        }
        return nil
    }

    func say(_ text: String) { output.write(text + "\n") }

    static func number(_ value: Double) -> String { CommandTemplate.format(value) }

    private func showHelp() {
        let commands = [
            "stats              latest value of every stat",
            "history NAME       every (global_step, value) of stat NAME",
            "vars               variables: name, shape, L2 norm, min, max",
            "get [NAME]         hyperparameter NAME (all without a name)",
            "set NAME VALUE     set hyperparameter NAME (also put as a stat)",
            "save               save a checkpoint now",
            "validate           run the validation now",
            "profile            where the run's time went so far (the callback profile)",
        ] + sessionHelp + [
            "stop               leave the console and stop training cleanly",
            "help               this list",
        ]
        say(commands.joined(separator: "\n"))
    }
}
