import Foundation
import Testing
@testable import LoomTraining

@Suite struct InjectShellTests {
    private let tty = ["LOOM_TTY": "1", "PATH": "/usr/bin:/bin"]

    private func touch(_ harness: Harness, _ name: String = "INJECT_SHELL.tmp") throws -> URL {
        let directory = harness.root.appendingPathComponent("log")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let url = directory.appendingPathComponent(name)
        try Data().write(to: url)
        return url
    }

    @Test func theConsoleSetsAHyperparameterAndDeletesTheFile() throws {
        let harness = try Harness()
        let file = try touch(harness)
        let reader = ScriptedLineReader(["get learning_rate", "set learning_rate 0.5", "set learning_rat 1", "bogus", "continue"])
        let console = MemoryOutputSink()
        let shell = InjectShell(input: reader, output: console)
        let backend = OperationsBackend()
        let trainer = Trainer(harness.config(backend, callbacks: [shell], logLocation: .at("log"), action: .keep, variables: tty))
        let result = try trainer.train()
        #expect(result.outcome == .completed)
        #expect(backend.hyperparameters["learning_rate"] == 0.5)
        #expect(trainer.monitors.history("learning_rate") == [StatPoint(globalStep: 3, value: 0.5)])
        #expect(!FileManager.default.fileExists(atPath: file.path))
        #expect(reader.prompts == Array(repeating: "loom> ", count: 5))
        #expect(console.lines == [
            "Training paused at epoch 1, global_step 3. Type 'help' for the commands.",
            "learning_rate = 0.1",
            "learning_rate = 0.5 (was 0.1)",
            "the backend has no hyperparameter 'learning_rat'. Did you mean 'learning_rate'? (known: learning_rate, momentum)",
            "Unknown command 'bogus'. Type 'help' for the commands.",
            "Training goes on.",
        ])
        #expect(harness.messages.contains("InjectShell: set learning_rate from 0.1 to 0.5"))
    }

    @Test func inspectionCommandsAndUnconnectedHooks() throws {
        let harness = try Harness()
        _ = try touch(harness)
        let reader = ScriptedLineReader(["stats", "history val", "history vl", "vars", "save", "validate", "stop"])
        let console = MemoryOutputSink()
        let putter = StatPutter(["val"]) { ["val": Double($0) / 4] }
        let shell = InjectShell(keepFile: true, input: reader, output: console)
        let trainer = Trainer(harness.config(OperationsBackend(), callbacks: [putter, shell], logLocation: .at("log"), action: .keep, variables: tty))
        let result = try trainer.train()
        #expect(result.outcome == .stopped("stopped from the InjectShell console"))
        #expect(result.globalStep == 3)
        #expect(console.lines == [
            "Training paused at epoch 1, global_step 3. Type 'help' for the commands.",
            "val: 0.25 (global_step 3)",
            "3 0.25",
            "No stat 'vl'. Did you mean 'val'? Known: val",
            "dense/W shape=[2, 2] norm=5 min=0 max=4",
            "dense/b shape=[2] norm=2.23607 min=-1 max=2",
            "Saving is unavailable: no checkpoint saver is connected to InjectShell (set its saveCheckpoint hook).",
            "Validation is unavailable: no validation runner is connected to InjectShell (set its runValidation hook).",
            "Training will stop.",
        ])
        #expect(FileManager.default.fileExists(atPath: harness.root.appendingPathComponent("log/INJECT_SHELL.tmp").path))
    }

    @Test func connectedHooksRunFromTheConsole() throws {
        let harness = try Harness()
        _ = try touch(harness)
        let console = MemoryOutputSink()
        let shell = InjectShell(input: ScriptedLineReader(["save", "validate"]), output: console)
        var validations = 0
        shell.saveCheckpoint = { URL(fileURLWithPath: "/tmp/ckpt/model-3") }
        shell.runValidation = { validations += 1 }
        _ = try Trainer(harness.config(OperationsBackend(), callbacks: [shell], logLocation: .at("log"), action: .keep, variables: tty)).train()
        #expect(validations == 1)
        #expect(console.lines.dropFirst() == [
            "Saved /tmp/ckpt/model-3", "Validation finished; 'stats' shows the new values.", "End of input; training goes on.",
        ])
    }

    @Test func withoutATerminalItLogsOnceAndKeepsTheFile() throws {
        let harness = try Harness()
        let file = try touch(harness)
        let reader = ScriptedLineReader(["stop"])
        let shell = InjectShell(input: reader, output: MemoryOutputSink())
        let result = try Trainer(harness.config(OperationsBackend(), callbacks: [shell], logLocation: .at("log"), action: .keep,
                                                variables: ["LOOM_TTY": "0"])).train()
        #expect(result.outcome == .completed)
        #expect(reader.prompts.isEmpty)
        #expect(FileManager.default.fileExists(atPath: file.path))
        #expect(harness.messages.filter { $0.contains("InjectShell") } == [
            "WRN InjectShell: found \(file.path) but standard input is not a terminal; cannot open the console. Training goes on.",
        ])
    }

    @Test func aSystemShellGetsTheRunsEnvironment() throws {
        let harness = try Harness()
        let file = try touch(harness)
        let out = harness.root.appendingPathComponent("env.txt").path
        let script = try writeScript("echo \"$LOOM_LOGDIR $LOOM_GLOBAL_STEP $LOOM_CHECKPOINT\" >> \(out)", named: "fake-shell", in: harness.root)
        let shell = InjectShell(shell: .system(script.path))
        shell.saveCheckpoint = { URL(fileURLWithPath: "/tmp/ckpt/model-3") }
        _ = try Trainer(harness.config(OperationsBackend(), callbacks: [shell], logLocation: .at("log"), action: .keep, variables: tty)).train()
        let logDirectory = harness.root.appendingPathComponent("log").path
        #expect(try String(contentsOfFile: out, encoding: .utf8) == "\(logDirectory) 3 /tmp/ckpt/model-3\n")
        #expect(!FileManager.default.fileExists(atPath: file.path))
    }
}

@Suite struct InjectShellProfileTests {
    @Test func profilePrintsTheCallbackProfileOfTheRunSoFar() throws {
        let harness = try Harness()
        let directory = harness.root.appendingPathComponent("log")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Data().write(to: directory.appendingPathComponent("INJECT_SHELL.tmp"))
        let console = MemoryOutputSink()
        let shell = InjectShell(input: ScriptedLineReader(["profile", "help", "continue"]), output: console)
        let backend = OperationsBackend()
        backend.clock = harness.clock
        backend.secondsPerStep = 0.5
        let trainer = Trainer(harness.config(backend, callbacks: [shell], logLocation: .at("log"), action: .keep,
                                             variables: ["LOOM_TTY": "1", "PATH": "/usr/bin:/bin"]))
        _ = try trainer.train()
        // Paused in epoch 1's triggerEpoch after three 0.5 s steps: that call is not counted yet.
        #expect(Array(console.lines.prefix(6)) == [
            "Training paused at epoch 1, global_step 3. Type 'help' for the commands.",
            "Callback profile, seconds (calls):",
            "callback     beforeTrain  beforeEpoch  afterEpoch  triggerEpoch  afterTrain  total",
            "InjectShell    0.000 (1)    0.000 (1)   0.000 (1)     0.000 (0)   0.000 (0)  0.000",
            "steps (runStep and per-step events, not split; TrainConfig.profilesCallbacks splits them): 1.500 s in 3 steps",
            "outside the steps: 0.000 s of 1.500 s (0.0 %)",
        ])
        #expect(console.lines.contains("profile            where the run's time went so far (the callback profile)"))
        #expect(console.lines.last == "Training goes on.")
    }
}
