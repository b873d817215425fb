import Foundation
import Testing
@testable import LoomTraining
import LoomTestSupport

/// `loom attach` in process: a client on another thread drives the run through the
/// socket while the trainer trains on the test thread.
@Suite struct AttachConsoleTests {
    @Test func aClientReadsSetsSavesAndStopsTheRun() throws {
        let harness = try Harness()
        let log = harness.root.appendingPathComponent("log")
        let socket = log.appendingPathComponent("attach.sock").path
        let client = BackgroundClient(logDirectory: log) { connect, record in
            record("mode \(String(permissions(socket) ?? 0, radix: 8))")
            let client = try connect()
            record(client.greeting.joined())
            for command in ["get learning_rate", "set learning_rate 0.5", "history step", "save", "stop"] {
                let reply = try client.send(command)
                record("> \(command)")
                reply.lines.prefix(1).forEach(record)
                if reply.closed { record("(closed)") }
            }
        }
        let backend = slowBackend()
        let console = AttachConsole()
        console.saveCheckpoint = { URL(fileURLWithPath: "/tmp/ckpt/model-7") }
        let trainer = Trainer(harness.config(backend, callbacks: [stepStat(), console], maxEpoch: 1000, logLocation: .at("log"), action: .keep))
        let result = try trainer.train()
        let transcript = client.transcript()
        #expect(result.outcome == .stopped("stopped from loom attach"))
        #expect(backend.hyperparameters["learning_rate"] == 0.5)
        #expect(transcript.count == 13, "\(transcript)")
        #expect(transcript.first == "mode 600")
        #expect(transcript.dropFirst().first?.hasPrefix("Attached to \(log.path) (process \(getpid()), you are process \(getpid())) at epoch ") == true,
                "\(transcript)")
        #expect(transcript.dropFirst().first?.hasSuffix("; training goes on. Type 'help' for the commands.") == true)
        #expect(Array(transcript.dropFirst(2)) == [
            "> get learning_rate", "learning_rate = 0.1",
            "> set learning_rate 0.5", "learning_rate = 0.5 (was 0.1)",
            "> history step", "1 1",
            "> save", "Saved /tmp/ckpt/model-7",
            "> stop", "Training will stop.", "(closed)",
        ])
        #expect(harness.messages.contains("AttachConsole: set learning_rate from 0.1 to 0.5"))
        #expect(harness.messages.contains { $0.hasPrefix("AttachConsole: listening on \(socket); attach with: loom attach \(log.path)") })
        #expect(!FileManager.default.fileExists(atPath: socket), "the socket outlived the run")
    }

    @Test func pauseHoldsTrainingUntilContinue() throws {
        let harness = try Harness()
        let log = harness.root.appendingPathComponent("log")
        let client = BackgroundClient(logDirectory: log, commands: ["pause", "#sleep", "stats", "pause", "continue", "continue", "stop"])
        let trainer = Trainer(harness.config(slowBackend(), callbacks: [stepStat(), AttachConsole()], maxEpoch: 1000,
                                             logLocation: .at("log"), action: .keep))
        let result = try trainer.train()
        let transcript = client.transcript()
        #expect(result.outcome == .stopped("stopped from loom attach"))
        let paused = try #require(transcript.first { $0.hasPrefix("Training paused at epoch ") }, "\(transcript)")
        let step = try #require(paused.split(separator: " ").last(where: { Int($0.dropLast()) != nil }).map { Int($0.dropLast()) ?? 0 })
        let place = paused.dropFirst("Training paused at ".count).prefix { $0 != ";" }
        #expect(Array(transcript.dropFirst()) == [
            "> pause", "Training paused at \(place); 'continue' lets it go on.",
            "> stats", "step: \(step) (global_step \(step))",
            "> pause", "Training is already paused at \(place).",
            "> continue", "Training goes on.",
            "> continue", "Training is not paused; it goes on.",
            "> stop", "Training will stop.", "(closed)",
        ])
        #expect(result.globalStep > step)
        #expect(harness.messages.contains("AttachConsole: training paused at \(place)"))
    }

    @Test func clientsAttachInTurnAndASecondOneIsBusy() throws {
        let harness = try Harness()
        let log = harness.root.appendingPathComponent("log")
        let client = BackgroundClient(logDirectory: log) { connect, record in
            let first = try connect()
            do {
                _ = try connect()
                record("the second client attached")
            } catch {
                record("\(error)")
            }
            let reply = try first.send("detach")
            record(reply.lines.joined() + (reply.closed ? " (closed)" : ""))
            let second = try connect()
            let help = try second.send("help")
            record(help.lines.filter { $0.hasPrefix("pause") || $0.hasPrefix("detach") || $0.hasPrefix("continue") }.joined(separator: "|"))
            record(try second.send("stop").lines.joined())
        }
        let trainer = Trainer(harness.config(slowBackend(), callbacks: [AttachConsole()], maxEpoch: 1000, logLocation: .at("log"), action: .keep))
        let result = try trainer.train()
        #expect(result.outcome == .stopped("stopped from loom attach"))
        #expect(client.transcript() == [
            "busy: another loom attach is connected to this run (one client at a time); try again when it detaches.",
            "Detached; training goes on. (closed)",
            "pause              hold training at this step until 'continue'|continue           let paused training go on|"
                + "detach             leave the console (also: exit, quit); training goes on",
            "Training will stop.",
        ])
        #expect(harness.messages.contains("AttachConsole: turned away a second client while one is attached"))
    }

    @Test func aClientLeavingWhilePausedLetsTrainingGoOn() throws {
        let harness = try Harness()
        let log = harness.root.appendingPathComponent("log")
        let client = BackgroundClient(logDirectory: log) { connect, record in
            let client = try connect()
            record(try client.send("pause").lines.joined())
            client.close()
        }
        let trainer = Trainer(harness.config(slowBackend(), callbacks: [AttachConsole()], stepsPerEpoch: 50, maxEpoch: 4,
                                             logLocation: .at("log"), action: .keep))
        let result = try trainer.train()
        #expect(result.outcome == .completed)
        #expect(result.globalStep == 200)
        #expect(client.transcript().first?.hasPrefix("Training paused at epoch ") == true)
        #expect(harness.messages.contains("AttachConsole: the client left while training was paused; training goes on"))
    }

    @Test func withoutALogDirectoryItListensNowhere() throws {
        let harness = try Harness()
        let console = AttachConsole()
        let result = try Trainer(harness.config(OperationsBackend(), callbacks: [console])).train()
        #expect(result.outcome == .completed)
        #expect(console.socketPath == nil)
        #expect(try FileManager.default.contentsOfDirectory(atPath: harness.root.path).isEmpty)
    }
}
