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

extension ExampleProcess {
    /// The bytes of the run's TensorBoard event files, concatenated.
    static func eventFileBytes(_ run: URL) throws -> [UInt8] {
        let names = try FileManager.default.contentsOfDirectory(atPath: run.path).filter { $0.hasPrefix("events.out.tfevents.") }.sorted()
        return try names.flatMap { [UInt8](try Data(contentsOf: run.appendingPathComponent($0))) }
    }

    /// How many times `tag` occurs in `bytes`.
    static func count(of tag: String, in bytes: [UInt8]) -> Int {
        let needle = Array(tag.utf8)
        guard needle.count <= bytes.count else { return 0 }
        return (0...(bytes.count - needle.count)).filter { bytes[$0..<($0 + needle.count)].elementsEqual(needle) }.count
    }

    /// Whether `bytes` hold a PNG header (IHDR) of the given size.
    static func contains(pngOfWidth width: Int, height: Int, in bytes: [UInt8]) -> Bool {
        let big = { (value: Int) in (0..<4).reversed().map { UInt8((value >> ($0 * 8)) & 0xFF) } }
        let header = Array("IHDR".utf8) + big(width) + big(height)
        guard header.count <= bytes.count else { return false }
        return (0...(bytes.count - header.count)).contains { bytes[$0..<($0 + header.count)].elementsEqual(header) }
    }
}
