import Foundation
import Testing
@testable import LoomTraining
import LoomTestSupport

/// The `profile` command through `loom attach`'s socket, while steps run.
@Suite struct AttachConsoleProfileTests {
    @Test func profileRepliesWithTheCallbackTableOfTheRunSoFar() throws {
        let harness = try Harness()
        let log = harness.root.appendingPathComponent("log")
        let client = BackgroundClient(logDirectory: log, commands: ["profile", "stop"])
        let trainer = Trainer(harness.config(slowBackend(), callbacks: [AttachConsole()], maxEpoch: 1000, logLocation: .at("log"), action: .keep))
        let result = try trainer.train()
        #expect(result.outcome == .stopped("stopped from loom attach"))
        let transcript = client.transcript()
        let start = try #require(transcript.firstIndex(of: "> profile"), "\(transcript)")
        let reply = Array(transcript[(start + 1)...].prefix { $0 != "> stop" })
        // The harness's clock stands still: every time is zero; the calls depend on when the command arrived.
        #expect(reply.count == 5, "\(reply)")
        #expect(reply.first == "Callback profile, seconds (calls):")
        #expect(reply.dropFirst().first == "callback       beforeTrain  beforeEpoch  afterEpoch  triggerEpoch  afterTrain  total")
        #expect(reply.dropFirst(2).first?.hasPrefix("AttachConsole    0.000 (1)    0.000 (") == true, "\(reply)")
        #expect(reply.dropFirst(3).first?.hasPrefix("steps (runStep and per-step events, not split; TrainConfig.profilesCallbacks splits them): 0.000 s in ") == true)
        #expect(reply.last == "outside the steps: 0.000 s of 0.000 s (0.0 %)")
    }
}
