import Foundation
import LoomTraining
import Testing
import LoomTestSupport

/// `loom attach` against a real `loom train` started in the background with standard
/// input from /dev/null (no terminal, as under nohup or a scheduler).
@Suite struct AttachCommandTests {
    /// A background `loom train` in `directory/run` that trains until stopped.
    private final class BackgroundTrain {
        let process = Process()
        let run: URL
        let stdout: URL

        init(in directory: URL, executable: URL, options: [String] = []) throws {
            run = directory.appendingPathComponent("run")
            stdout = directory.appendingPathComponent("stdout.txt")
            _ = FileManager.default.createFile(atPath: stdout.path, contents: nil)
            process.executableURL = executable
            process.arguments = ["train", "--epochs", "100000", "--logdir", "run"] + LoomProcess.tiny + options
            process.currentDirectoryURL = directory
            process.standardInput = FileHandle.nullDevice
            process.standardOutput = try FileHandle(forWritingTo: stdout)
            process.standardError = FileHandle.nullDevice
            try process.run()
        }

        /// Waits until `file` exists in the run's directory (at most 60 s).
        func waitFor(_ file: String) -> Bool {
            let path = run.appendingPathComponent(file).path
            let deadline = Date().addingTimeInterval(60)
            while !FileManager.default.fileExists(atPath: path), process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
            return FileManager.default.fileExists(atPath: path)
        }

        /// Waits for the process to end (at most 30 s); its exit status, or nil after killing it.
        func waitForExit() -> Int32? {
            let deadline = Date().addingTimeInterval(30)
            while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
            if process.isRunning {
                process.terminate()
                return nil
            }
            return process.terminationReason == .exit ? process.terminationStatus : 128 + process.terminationStatus
        }

        deinit { if process.isRunning { process.terminate() } }
    }

    private func attach(_ commands: [String], in directory: URL) throws -> LoomProcess.Result? {
        try LoomProcess.run(["attach", "run"] + commands.flatMap { ["--command", $0] }, in: directory)
    }

    @Test func attachReadsStatsSetsTheLearningRateSavesAndStops() throws {
        guard let executable = LoomProcess.executable else { return }
        let directory = try TemporaryDirectory()
        let train = try BackgroundTrain(in: directory.url, executable: executable)
        try #require(train.waitFor("model-5.safetensors"), "no first checkpoint")
        let socket = train.run.appendingPathComponent("attach.sock").path
        #expect(permissions(socket) == 0o600)

        let stats = try #require(try attach(["stats"], in: directory.url))
        #expect(stats.status == 0, "stderr: \(stats.stderr)")
        #expect(stats.stdout.contains("learning_rate: 0.001 (global_step "), "\(stats.stdout)")
        #expect(stats.stdout.contains("val-error-top1: "))

        let set = try #require(try attach(["set learning_rate 0.0123", "get learning_rate"], in: directory.url))
        #expect(set.status == 0, "stderr: \(set.stderr)")
        #expect(set.stdout == "learning_rate = 0.0123 (was 0.001)\nlearning_rate = 0.0123\n")
        let statsFile = train.run.appendingPathComponent("stats.json")
        let deadline = Date().addingTimeInterval(60)
        var seen = false
        while !seen, Date() < deadline {
            let entries = (try? JSONSerialization.jsonObject(with: Data(contentsOf: statsFile))) as? [[String: Any]] ?? []
            seen = entries.contains { $0["learning_rate"] as? Double == 0.0123 }
            if !seen { Thread.sleep(forTimeInterval: 0.1) }
        }
        #expect(seen, "stats.json never showed learning_rate 0.0123")

        let save = try #require(try attach(["save"], in: directory.url))
        #expect(save.status == 0, "stderr: \(save.stderr)")
        let saved = save.stdout.hasPrefix("Saved ") ? String(save.stdout.dropFirst(6).dropLast()) : ""
        #expect(saved.hasPrefix(train.run.path + "/model-") && saved.hasSuffix(".safetensors"), "\(save.stdout)")
        #expect(FileManager.default.fileExists(atPath: saved))

        let stop = try #require(try attach(["stop"], in: directory.url))
        #expect(stop.status == 0, "stderr: \(stop.stderr)")
        #expect(stop.stdout == "Training will stop.\n")
        #expect(train.waitForExit() == 0)
        #expect(!FileManager.default.fileExists(atPath: socket), "the socket outlived the run")
        let log = try String(contentsOf: train.run.appendingPathComponent("log.log"), encoding: .utf8)
        #expect(log.contains("AttachConsole: listening on \(socket); attach with: loom attach \(train.run.path)"))
        #expect(log.contains("Training was stopped at global_step="))
    }

    @Test func aSecondClientIsBusyAndAnotherUserIsDenied() throws {
        guard let executable = LoomProcess.executable else { return }
        let directory = try TemporaryDirectory()
        let train = try BackgroundTrain(in: directory.url, executable: executable)
        try #require(train.waitFor("attach.sock"), "no socket")
        let socket = train.run.appendingPathComponent("attach.sock").path

        let first = try AttachClient(logDirectory: train.run)
        let busy = try #require(try attach(["stats"], in: directory.url))
        #expect(busy.status == 75)
        #expect(busy.stderr == "loom attach: busy: another loom attach is connected to this run (one client at a time); "
            + "try again when it detaches.\n")
        first.close()

        // Interactive: commands from standard input (a pipe here), replies on standard output.
        let interactive = Process()
        interactive.executableURL = executable
        interactive.arguments = ["attach", "run"]
        interactive.currentDirectoryURL = directory.url
        let input = Pipe(), output = Pipe()
        interactive.standardInput = input
        interactive.standardOutput = output
        interactive.standardError = FileHandle.nullDevice
        try interactive.run()
        input.fileHandleForWriting.write(Data("get learning_rate\npause\n\ncontinue\nbogus\n".utf8))
        try input.fileHandleForWriting.close()
        let transcript = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        interactive.waitUntilExit()
        #expect(interactive.terminationStatus == 0)
        let lines = transcript.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.count == 6, "\(transcript)")
        #expect(lines.first?.hasPrefix("Attached to \(train.run.path) (process \(train.process.processIdentifier), you are process ") == true)
        #expect(lines.dropFirst().first == "learning_rate = 0.001")
        #expect(lines.dropFirst(2).first?.hasPrefix("Training paused at epoch ") == true)
        #expect(Array(lines.dropFirst(3)) == ["Training goes on.", "Unknown command 'bogus'. Type 'help' for the commands.", ""])

        // Another user: the owner-only socket denies the connection; with the mode opened
        // up, the run still refuses the peer (SO_PEERCRED). Needs root and setpriv.
        if getuid() == 0, FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") {
            for path in [directory.url.path, train.run.path] { chmod(path, 0o755) }
            let asNobody = ["--reuid=65534", "--regid=65534", "--clear-groups", executable.path, "attach", train.run.path, "--command", "stats"]
            let denied = try runProcess("/usr/bin/setpriv", asNobody)
            #expect(denied.status == 1)
            #expect(denied.output == "loom attach: permission denied on \(socket): only the user who runs the job may attach "
                + "(the socket is owner-only, mode 0600); attach as that user\n")
            chmod(socket, 0o666)
            let refused = try runProcess("/usr/bin/setpriv", asNobody)
            chmod(socket, 0o600)
            #expect(refused.status == 1)
            #expect(refused.output == "loom attach: refused: this run belongs to user 0; attach as that user.\n")
        }
        let stop = try #require(try attach(["stop"], in: directory.url))
        #expect(stop.status == 0, "stderr: \(stop.stderr)")
        #expect(train.waitForExit() == 0)
        let log = try String(contentsOf: train.run.appendingPathComponent("log.log"), encoding: .utf8)
        #expect(log.contains("AttachConsole: turned away a second client while one is attached"))
        if getuid() == 0, FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") {
            #expect(log.contains("AttachConsole: refused a client of user 65534, process "))
        }
    }

    @Test func attachIsOnByDefaultAndNoAttachSwitchesItOff() throws {
        let directory = try TemporaryDirectory()
        guard let on = try LoomProcess.run(["train", "--list-callbacks"] + LoomProcess.tiny, in: directory.url),
              let off = try LoomProcess.run(["train", "--list-callbacks", "--no", "attach"] + LoomProcess.tiny, in: directory.url) else { return }
        #expect(on.status == 0 && off.status == 0)
        #expect(on.stdout.split(separator: "\n").first?.contains("InjectShell, AttachConsole, MovingAverageSummary") == true, "\(on.stdout)")
        #expect(off.stdout.split(separator: "\n").first?.contains("InjectShell, MovingAverageSummary") == true, "\(off.stdout)")
        guard let none = try LoomProcess.run(["attach", "nowhere", "--command", "stats"], in: directory.url) else { return }
        #expect(none.status == 1)
        #expect(none.stderr.hasPrefix("loom attach: no run is listening at \(directory.url.path)/nowhere/attach.sock (there is no such log directory)"),
                "\(none.stderr)")
    }

    private func permissions(_ path: String) -> Int? {
        (try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? nil
    }
}
