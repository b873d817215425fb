import Foundation

/// The interactive console of ``InjectShell``: reads commands from a ``LineReader`` and
/// answers on an ``OutputSink`` until `continue`, `stop` or the end of input.
///
/// Commands: `stats`, `history NAME`, `vars`, `get [NAME]`, `set NAME VALUE`, `save`,
/// `validate`, `continue`, `stop`, `help`.
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
    let input: any LineReader
    let output: any OutputSink
    let saveCheckpoint: (() throws -> URL)?
    let runValidation: (() throws -> Void)?

    init(context: TrainerContext, input: any LineReader, output: any OutputSink,
         saveCheckpoint: (() throws -> URL)?, runValidation: (() throws -> Void)?) {
        self.context = context
        self.input = input
        self.output = output
        self.saveCheckpoint = saveCheckpoint
        self.runValidation = runValidation
    }

    /// Runs the session.
    func run() -> Outcome {
        say("Training paused at epoch \(context.loop.epochNumber), global_step \(context.loop.globalStep). Type 'help' for the commands.")
        while let line = input.readLine(prompt: Self.prompt) {
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            guard let command = words.first else { continue }
            if let outcome = execute(command, Array(words.dropFirst())) { return outcome }
        }
        say("End of input; training goes on.")
        return .resume
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
        default: say("Unknown command '\(command)'. Type 'help' for the commands.")
        }
        return nil
    }

    func say(_ text: String) { output.write(text + "\n") }

    static func number(_ value: Double) -> String { CommandTemplate.format(value) }

    private func showHelp() {
        say("""
        stats              latest value of every stat
        history NAME       every (global_step, value) of stat NAME
        vars               variables: name, shape, L2 norm, min, max
        get [NAME]         hyperparameter NAME (all without a name)
        set NAME VALUE     set hyperparameter NAME (also put as a stat)
        save               save a checkpoint now
        validate           run the validation now
        continue           leave the console; training goes on
        stop               leave the console and stop training cleanly
        help               this list
        """)
    }
}
