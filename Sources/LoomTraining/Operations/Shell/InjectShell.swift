import Foundation

/// Pauses training for a debug console when a trigger file appears in the log directory
/// (tensorpack `InjectShell`): `touch train_log/<run>/INJECT_SHELL.tmp` and, at the next
/// trigger (every epoch by default; wrap it in ``PeriodicTrigger`` for every k steps),
/// a console opens on the terminal to inspect and steer the run (``Shell/console``), or
/// a shell of your choice starts (``Shell/system(_:)``).
///
/// Leaving the console deletes the trigger file, so training does not pause again,
/// unless `keepFile` is true. Without a terminal on standard input (``TerminalCheck``;
/// the environment variable `LOOM_TTY=1`/`0` overrides it) the callback logs once that
/// it cannot open, removes nothing, and training goes on. Without a log directory the
/// file is looked for in the environment's root directory.
///
/// Hooks to connect: ``saveCheckpoint`` (the console's `save`, and `LOOM_CHECKPOINT` for
/// a system shell) and ``runValidation`` (`validate`). Until connected, the console says
/// they are unavailable.
public final class InjectShell: Callback {
    /// What opens when the file is found.
    public enum Shell: Equatable, Sendable {
        /// The built-in console (`stats`, `history`, `vars`, `get`, `set`, `save`, `validate`,
        /// `continue`, `stop`, `help`).
        case console
        /// A program found on `PATH` (or a path), inheriting the terminal, with
        /// `LOOM_LOGDIR`, `LOOM_GLOBAL_STEP` and, when a save hook is connected,
        /// `LOOM_CHECKPOINT` (a checkpoint saved just before) in its environment.
        case system(String)
    }

    /// The trigger file's name, relative to the log directory.
    public let file: String
    /// What opens.
    public let shell: Shell
    /// Whether the trigger file is left in place after the console closes.
    public let keepFile: Bool
    /// Saves a checkpoint now and returns its location; connect it to the saver.
    public var saveCheckpoint: (() throws -> URL)?
    /// Runs the validation (inference runners) now; connect it to the runners.
    public var runValidation: (() throws -> Void)?
    private let input: (any LineReader)?
    private let output: (any OutputSink)?
    private var context: TrainerContext?
    private var warnedNoTerminal = false

    /// Creates the callback.
    /// - Parameters:
    ///   - file: the trigger file name in the log directory (default `INJECT_SHELL.tmp`).
    ///   - shell: the console (default) or a system shell such as `.system("bash")`.
    ///   - keepFile: keep the trigger file after the console closes (default false).
    ///   - input: where console commands come from (default: standard input).
    ///   - output: where the console writes (default: the environment's output).
    public init(file: String = "INJECT_SHELL.tmp", shell: Shell = .console, keepFile: Bool = false,
                input: (any LineReader)? = nil, output: (any OutputSink)? = nil) {
        self.file = file
        self.shell = shell
        self.keepFile = keepFile
        self.input = input
        self.output = output
    }

    public var stepEvents: StepEvents { [] }

    /// The trigger file's location for this run (after setup).
    public var fileURL: URL? {
        guard let context else { return nil }
        return (context.logDirectory ?? context.environment.root).appendingPathComponent(file)
    }

    public func setUp(_ context: TrainerContext) throws {
        guard !file.isEmpty, !file.contains("/") else {
            throw OperationsError.invalidArgument(callback: "InjectShell", message: "file must be a plain file name, got '\(file)'")
        }
        self.context = context
    }

    public func trigger() throws {
        guard let context, let url = fileURL, FileManager.default.fileExists(atPath: url.path) else { return }
        guard TerminalCheck.standardInputIsTerminal(context.environment.variables) else {
            if !warnedNoTerminal {
                context.logger.warning("InjectShell: found \(url.path) but standard input is not a terminal; cannot open the console. Training goes on.")
                warnedNoTerminal = true
            }
            return
        }
        context.logger.info("InjectShell: found \(url.path); pausing training at global_step \(context.loop.globalStep)")
        let outcome: DebugConsole.Outcome
        switch shell {
        case .console:
            let sink = output ?? context.environment.output
            let console = DebugConsole(context: context, output: sink, saveCheckpoint: saveCheckpoint, runValidation: runValidation)
            outcome = console.run(input: input ?? StandardInputReader(output: sink))
        case let .system(program):
            runSystemShell(program, context: context)
            outcome = .resume
        }
        if !keepFile {
            do { try FileManager.default.removeItem(at: url) } catch {
                context.logger.warning("InjectShell: cannot delete \(url.path) (\(error)); delete it or training pauses again")
            }
        }
        context.logger.info("InjectShell: console closed; training \(outcome == .stop ? "stops" : "goes on")")
        if outcome == .stop { throw StopTraining("stopped from the InjectShell console") }
    }

    private func runSystemShell(_ program: String, context: TrainerContext) {
        var variables = context.environment.variables
        variables["LOOM_LOGDIR"] = (context.logDirectory ?? context.environment.root).path
        variables["LOOM_GLOBAL_STEP"] = String(context.loop.globalStep)
        if let saveCheckpoint {
            do { variables["LOOM_CHECKPOINT"] = try saveCheckpoint().path } catch {
                context.logger.warning("InjectShell: saving a checkpoint for the shell failed: \(error)")
            }
        }
        guard let executable = ChildProcess.locate(program, variables: variables) else {
            context.logger.warning("InjectShell: cannot find '\(program)' on PATH; training goes on")
            return
        }
        let process = Process()
        process.executableURL = executable
        process.environment = variables
        do {
            try process.run()
            let previous = TerminalHandOver.lend(to: process.processIdentifier)
            process.waitUntilExit()
            if let previous { TerminalHandOver.restore(previous) }
        } catch {
            context.logger.warning("InjectShell: cannot start \(executable.path): \(error)")
        }
    }
}
