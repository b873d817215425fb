import Foundation
import Synchronization
import Testing
@testable import LoomTraining

/// Collects the warnings a store reports.
final class WarningLog: Sendable {
    private let items = Mutex<[CheckpointWarning]>([])

    var handler: @Sendable (CheckpointWarning) -> Void { { warning in self.items.withLock { $0.append(warning) } } }
    var all: [CheckpointWarning] { items.withLock { $0 } }
    var files: [String] { all.map(\.file) }
}

/// A small checkpoint whose values depend on `step`.
func sampleCheckpoint(step: Int, epoch: Int = 1, hours: Double = 0) -> Checkpoint {
    let base = Float(step)
    return Checkpoint(
        arrays: [
            NamedArray(name: "dense/W", shape: [2, 3], values: (0..<6).map { base + Float($0) / 8 }),
            NamedArray(name: "dense/b", shape: [3], values: [base, -base, 0.5]),
            NamedArray(name: "optimizer/dense/W/momentum", shape: [2, 3], values: [Float](repeating: base / 3, count: 6)),
        ],
        globalStep: step, epoch: epoch, createdAt: Date(timeIntervalSince1970: 1_700_000_000 + hours * 3600),
        callbackStates: ["MinSaver(val-error)": "{\"best\":\(step)}"]
    )
}

/// The Python interpreter with safetensors and numpy (`LOOM_PYTHON`), or nil after
/// recording an issue when `CI` is set (there the test must fail, not skip).
func referencePython() -> String? {
    let environment = ProcessInfo.processInfo.environment
    if let python = environment["LOOM_PYTHON"], FileManager.default.isExecutableFile(atPath: python),
       (try? runProcess(python, ["-c", "import safetensors.numpy, numpy"]))?.status == 0 {
        return python
    }
    if environment["CI"] != nil {
        Issue.record("LOOM_PYTHON is unset or lacks safetensors/numpy; run scripts/setup and set LOOM_PYTHON=$PWD/.venv/bin/python")
    }
    return nil
}

/// Runs a program to completion; returns its exit status and standard output.
func runProcess(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
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

/// The error thrown by `body`, if it throws one of type `E`.
func caught<E: Error>(_ type: E.Type, _ body: () throws -> Void) -> E? {
    do {
        try body()
        return nil
    } catch {
        return error as? E
    }
}
