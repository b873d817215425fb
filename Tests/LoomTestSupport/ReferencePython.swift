import Foundation
import Testing

/// The Python interpreter named by `LOOM_PYTHON` (the `.venv` made by `scripts/setup`),
/// for checks against the real readers (tensorboard, safetensors, numpy, zlib).
public enum ReferencePython {
    /// The interpreter, or nil when `LOOM_PYTHON` is unset or lacks `modules`. Under CI
    /// (env `CI` set) a missing interpreter or module is recorded as a failure: there the
    /// check must run, not skip.
    public static func interpreter(needing modules: [String]) -> String? {
        let environment = ProcessInfo.processInfo.environment
        let ci = environment["CI"] != nil
        guard let python = environment["LOOM_PYTHON"], FileManager.default.isExecutableFile(atPath: python) else {
            if ci { Issue.record("LOOM_PYTHON is not set to a Python interpreter; run scripts/setup and set LOOM_PYTHON=$PWD/.venv/bin/python") }
            return nil
        }
        let check = modules.map { "import \($0)" }.joined(separator: "; ")
        guard let result = try? run(python: python, script: check, arguments: []), result.status == 0 else {
            if ci { Issue.record("\(python) cannot import \(modules); run scripts/setup") }
            return nil
        }
        return python
    }

    /// Runs `script` (passed with `-c`) and returns its exit status, standard output and error.
    public static func run(python: String, script: String, arguments: [String]) throws -> (status: Int32, output: String, error: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", script] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["TF_CPP_MIN_LOG_LEVEL"] = "3"
        process.environment = environment
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        let outData = output.fileHandleForReading.readDataToEndOfFile()
        let errData = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
    }
}

/// Runs a program to completion; returns its exit status and its standard output and
/// error together.
public func runProcess(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}
