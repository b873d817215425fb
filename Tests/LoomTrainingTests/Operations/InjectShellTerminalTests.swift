import Foundation
import Testing
@testable import LoomTraining
import LoomTestSupport

/// InjectShell on a real pseudo-terminal: the test binary runs itself under `script`
/// (util-linux), which gives the child a terminal on standard input and types the lines
/// fed to it. The child part runs only when `LOOM_PTY_CHILD` names its output file.
@Suite struct InjectShellTerminalTests {
    private static let childVariable = "LOOM_PTY_CHILD"

    /// Runs this binary's test `name` under `script` with `input` typed in; returns the
    /// child's output file contents, or `nil` when `script` is unavailable.
    private func runUnderTerminal(_ name: String, input: String) throws -> String? {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/script") else { return nil }
        let directory = try TemporaryDirectory()
        let result = directory.url.appendingPathComponent("result.txt")
        let binary = ProcessInfo.processInfo.arguments[0]
        let command = "'\(binary)' --testing-library swift-testing --filter 'InjectShellTerminalTests/\(name)'"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-qefc", command, "/dev/null"]
        var environment = ProcessInfo.processInfo.environment
        environment[Self.childVariable] = result.path
        process.environment = environment
        let stdin = Pipe()
        process.standardInput = stdin
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        let deadline = Date().addingTimeInterval(15)
        while process.isRunning, Date() < deadline { usleep(20_000) }
        if process.isRunning { process.terminate() }
        try? stdin.fileHandleForWriting.close()
        return (try? String(contentsOf: result, encoding: .utf8)) ?? "no result"
    }

    /// Child: a run whose InjectShell reads the real terminal.
    private func childRun(_ shell: InjectShell.Shell, resultPath: String) throws {
        let harness = try Harness()
        let log = harness.root.appendingPathComponent("log")
        try FileManager.default.createDirectory(at: log, withIntermediateDirectories: true)
        try Data().write(to: log.appendingPathComponent("INJECT_SHELL.tmp"))
        if !FileManager.default.fileExists(atPath: resultPath) { try Data().write(to: URL(fileURLWithPath: resultPath)) }
        let backend = OperationsBackend()
        var variables = ProcessInfo.processInfo.environment
        variables["LOOM_TTY"] = nil
        variables["RESULT"] = resultPath
        let shellCallback = InjectShell(shell: shell, output: MemoryOutputSink())
        _ = try Trainer(harness.config(backend, callbacks: [shellCallback], maxEpoch: 1, logLocation: .at("log"), action: .keep,
                                       variables: variables)).train()
        let fileLeft = FileManager.default.fileExists(atPath: log.appendingPathComponent("INJECT_SHELL.tmp").path)
        let line = "lr=\(backend.hyperparameters["learning_rate"] ?? 0) file=\(fileLeft)\n"
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: resultPath))
        handle.seekToEndOfFile()
        handle.write(Data(line.utf8))
        try handle.close()
    }

    @Test func consoleOnARealTerminal() throws {
        if let resultPath = ProcessInfo.processInfo.environment[Self.childVariable] {
            return try childRun(.console, resultPath: resultPath)
        }
        guard let result = try runUnderTerminal("consoleOnARealTerminal()", input: "set learning_rate 0.5\ncontinue\n") else { return }
        #expect(result == "lr=0.5 file=false\n")
    }

    @Test func systemShellOnARealTerminal() throws {
        if let resultPath = ProcessInfo.processInfo.environment[Self.childVariable] {
            try Data().write(to: URL(fileURLWithPath: resultPath))
            return try childRun(.system("bash"), resultPath: resultPath)
        }
        let typed = "echo step=$LOOM_GLOBAL_STEP >> \"$RESULT\"\nexit\n"
        guard let result = try runUnderTerminal("systemShellOnARealTerminal()", input: typed) else { return }
        #expect(result == "step=3\nlr=0.1 file=false\n")
    }
}
