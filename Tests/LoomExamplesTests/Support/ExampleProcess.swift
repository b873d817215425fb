import Foundation
import Testing

/// Runs a built example executable.
///
/// The examples are `executableTarget`s that no test target depends on, so they are
/// built by `swift build --build-tests` (which builds every target) or `swift test` (which
/// does the same before running); their binaries lie in the build directory next to the
/// test bundle (`.build/debug/<name>` beside `.build/debug/LoomPackageTests.xctest`), and
/// this looks for them there, a few levels up from the test process.
struct ExampleProcess {
    /// What a run printed and how it ended.
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The executable `name` of this build, or nil (after recording an issue) when missing.
    static func executable(_ name: String) -> URL? {
        var candidates: [URL] = []
        for start in [URL(fileURLWithPath: CommandLine.arguments[0]), Bundle.main.bundleURL, Bundle.main.executableURL].compactMap({ $0 }) {
            var directory = start.deletingLastPathComponent()
            for _ in 0..<4 {
                candidates.append(directory.appendingPathComponent(name))
                directory = directory.deletingLastPathComponent()
            }
        }
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) && !$0.hasDirectoryPath }) else {
            Issue.record("the example binary '\(name)' was not found near \(CommandLine.arguments[0]); build it first (swift build --build-tests)")
            return nil
        }
        return found
    }

    /// Runs example `name` with `arguments` in `directory`, standard input closed.
    static func run(_ name: String, _ arguments: [String], in directory: URL) throws -> Result? {
        guard let executable = executable(name) else { return nil }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.standardInput = FileHandle.nullDevice
        // Output goes to files in `directory` so a chatty child never blocks on a full pipe.
        let outURL = directory.appendingPathComponent("\(name).stdout"), errURL = directory.appendingPathComponent("\(name).stderr")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let output = try FileHandle(forWritingTo: outURL), errors = try FileHandle(forWritingTo: errURL)
        defer { try? output.close(); try? errors.close() }
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: try String(contentsOf: outURL, encoding: .utf8),
                      stderr: try String(contentsOf: errURL, encoding: .utf8))
    }

    /// The entries of `<run>/stats.json`.
    static func stats(_ run: URL) throws -> [[String: Any]] {
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: run.appendingPathComponent("stats.json")))
        return try #require(object as? [[String: Any]], "stats.json is not an array of objects")
    }
}
