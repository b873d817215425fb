import Foundation
import LoomTraining
import Testing
import LoomTestSupport

/// A kill -9 campaign: `loom train` is killed with SIGKILL at random instants (during
/// steps, saves, validation, stats flushes) at least 20 times and resumed each time. Every
/// resume must succeed without meeting a torn or damaged file, and the final stats.json
/// must equal an uninterrupted run's.
@Suite struct KillCampaignTests {
    private let options = ["--image-size", "8", "--train-size", "320", "--val-size", "100", "--hidden", "16", "--batch-size", "16",
                           "--steps-per-epoch", "10", "--threads", "1", "--epochs", "200"]

    @Test func twentyKillsThenResumesEqualAnUninterruptedRun() throws {
        guard let executable = LoomProcess.executable else { return }
        let directory = try TemporaryDirectory()
        guard let straight = try LoomProcess.run(["train", "--logdir", "straight"] + options, in: directory.url) else { return }
        try #require(straight.status == 0, "stderr: \(straight.stderr)")

        var generator = SplitMix(seed: 20_261_204)
        var kills = 0
        var runs = 0
        var finished = false
        while !finished, runs < 200 {
            runs += 1
            let log = directory.url.appendingPathComponent("run-\(runs).txt")
            _ = FileManager.default.createFile(atPath: log.path, contents: nil)
            let process = Process()
            process.executableURL = executable
            // Resume once a checkpoint exists; before that, start afresh (delete accepts the
            // killed run's directory: it holds only Loom's files).
            let killed = directory.url.appendingPathComponent("killed")
            let resumable = CheckpointStore.hasCheckpoints(in: killed)
            process.arguments = ["train", "--logdir", "killed"] + (resumable ? ["--resume"] : ["--log-dir-action", "delete"]) + options
            process.currentDirectoryURL = directory.url
            process.standardInput = FileHandle.nullDevice
            process.standardOutput = try FileHandle(forWritingTo: log)
            process.standardError = process.standardOutput
            try process.run()
            if kills < 20 {
                // 20–400 ms: start-up, steps, epoch-end validation and checkpoint writes alike.
                Thread.sleep(forTimeInterval: 0.02 + Double(generator.next() % 380) / 1000)
                if process.isRunning {
                    kill(process.processIdentifier, SIGKILL)
                    kills += 1
                }
            }
            process.waitUntilExit()
            let output = try String(contentsOf: log, encoding: .utf8)
            for problem in ["skipping", "damaged", "unreadable", "not a JSON array", "moved to", "error:"] {
                #expect(!output.contains(problem), "run \(runs) met '\(problem)': \(output.suffix(800))")
            }
            if process.terminationReason == .exit {
                #expect(process.terminationStatus == 0, "run \(runs) failed: \(output.suffix(800))")
                finished = process.terminationStatus == 0
            }
        }
        #expect(kills == 20)
        #expect(finished, "the run did not finish after \(runs) starts")
        let expected = try String(contentsOf: directory.url.appendingPathComponent("straight/stats.json"), encoding: .utf8)
        let actual = try String(contentsOf: directory.url.appendingPathComponent("killed/stats.json"), encoding: .utf8)
        #expect(actual == expected)
    }
}

/// SplitMix64, for reproducible kill instants.
private struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
