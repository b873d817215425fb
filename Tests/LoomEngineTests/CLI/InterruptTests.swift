import Foundation
import LoomTraining
import Testing
import LoomTestSupport

/// Ctrl-C (a real SIGINT) and SIGTERM (what schedulers, containers and `kill` send)
/// (docs/Architecture.md section 2): the step finishes, every callback's `afterTrain` runs
/// (the saver writes a final checkpoint), the summary says so, the process exits 128 + the
/// signal (130, 143) — and the run resumes from that checkpoint.
@Suite struct InterruptTests {
    @Test(arguments: [(SIGINT, "Ctrl-C"), (SIGTERM, "SIGTERM")])
    func aSignalStopsCleanlyExitsNonZeroAndResumes(signal: Int32, name: String) throws {
        guard let executable = LoomProcess.executable else { return }
        let directory = try TemporaryDirectory()
        let run = directory.url.appendingPathComponent("run")
        let stdout = directory.url.appendingPathComponent("stdout.txt")
        _ = FileManager.default.createFile(atPath: stdout.path, contents: nil)
        let process = Process()
        process.executableURL = executable
        process.arguments = ["train", "--epochs", "100000", "--logdir", "run"] + LoomProcess.tiny
        process.currentDirectoryURL = directory.url
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: stdout)
        process.standardError = FileHandle.nullDevice
        try process.run()

        // Interrupt once the first epoch's checkpoint exists (at most 60 s).
        let firstCheckpoint = run.appendingPathComponent("model-5.safetensors").path
        let deadline = Date().addingTimeInterval(60)
        while !FileManager.default.fileExists(atPath: firstCheckpoint), process.isRunning, Date() < deadline {
            Thread.sleep(forTimeInterval: 0.05)
        }
        #expect(process.isRunning, "the run ended before it could be interrupted")
        kill(process.processIdentifier, signal)
        let stopDeadline = Date().addingTimeInterval(30)
        while process.isRunning, Date() < stopDeadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning {
            process.terminate()
            Issue.record("loom train did not stop within 30 s of \(name)")
            return
        }
        #expect(process.terminationReason == .exit && process.terminationStatus == 128 + signal)
        let output = try String(contentsOf: stdout, encoding: .utf8)
        #expect(output.contains("Training interrupted (\(name)) at epoch "), "stdout: \(output.suffix(600))")

        // The final save holds the step the run reached; resuming continues from it.
        let store = CheckpointStore(directory: run, warn: { _ in })
        let latest = try #require(store.latest())
        #expect(latest.step >= 5)
        let epochs = String(latest.epoch + 2)
        guard let resumed = try LoomProcess.run(["train", "--resume", "--epochs", epochs, "--logdir", "run"] + LoomProcess.tiny,
                                                in: directory.url) else { return }
        #expect(resumed.status == 0, "stderr: \(resumed.stderr)")
        #expect(resumed.stdout.contains("(resumed from model-\(latest.step).safetensors)"))
    }
}
