import Foundation
import Testing

/// Runs the built `loom` binary (found next to the test bundle in the build directory).
struct LoomProcess {
    /// What a run printed and how it ended.
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The `loom` executable of this build, or nil (after recording an issue) when missing.
    static var executable: URL? {
        var candidates: [URL] = []
        for start in [URL(fileURLWithPath: CommandLine.arguments[0]), Bundle.main.bundleURL, Bundle.main.executableURL].compactMap({ $0 }) {
            var directory = start.deletingLastPathComponent()
            for _ in 0..<4 {
                candidates.append(directory.appendingPathComponent("loom"))
                directory = directory.deletingLastPathComponent()
            }
        }
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) && !$0.hasDirectoryPath }) else {
            Issue.record("the loom binary was not found near \(CommandLine.arguments[0]); build it first (swift build)")
            return nil
        }
        return found
    }

    /// Runs `loom arguments…` in `directory` with standard input closed.
    static func run(_ arguments: [String], in directory: URL) throws -> Result? {
        guard let executable else { return nil }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.standardInput = FileHandle.nullDevice
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let outData = output.fileHandleForReading.readDataToEndOfFile()
        let errData = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }

    /// The options of a tiny, fast run (8×8 digits, a 16-unit MLP, one thread).
    static let tiny = ["--image-size", "8", "--train-size", "160", "--val-size", "100", "--hidden", "16", "--batch-size", "16",
                       "--steps-per-epoch", "5", "--threads", "1"]
}
