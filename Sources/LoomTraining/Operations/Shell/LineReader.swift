#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where the ``InjectShell`` console reads its commands: the terminal by default, a
/// scripted list in tests.
public protocol LineReader: AnyObject {
    /// Shows `prompt` (if the reader has an output) and reads one line without its newline.
    /// - Returns: the line, or `nil` at the end of input.
    func readLine(prompt: String) -> String?
}

/// Reads lines from standard input, writing the prompt to `output` first.
public final class StandardInputReader: LineReader {
    private let output: any OutputSink

    /// Creates a reader that prompts on `output`.
    public init(output: any OutputSink) { self.output = output }

    public func readLine(prompt: String) -> String? {
        output.write(prompt)
        return Swift.readLine(strippingNewline: true)
    }
}

/// Whether the console can open: standard input must be a terminal.
public enum TerminalCheck {
    /// The environment variable that overrides the check: `1` (a terminal) or `0` (none).
    public static let overrideVariable = "LOOM_TTY"

    /// `variables[LOOM_TTY]` when it is `1` or `0`; otherwise `isatty(STDIN_FILENO)`.
    public static func standardInputIsTerminal(_ variables: [String: String]) -> Bool {
        switch variables[overrideVariable] {
        case "1": return true
        case "0": return false
        default: return isatty(STDIN_FILENO) == 1
        }
    }
}
