import Foundation
import Testing
@testable import LoomTraining

@Suite struct SendStatTests {
    private let shellPath = ["PATH": "/usr/local/bin:/usr/bin:/bin"]

    @Test func templateParsesPlaceholdersAndLiteralBraces() throws {
        let template = try CommandTemplate(parsing: "echo {{x}} {val-error} {GPUUtil/0} {val-error}")
        #expect(template.placeholders == ["val-error", "GPUUtil/0"])
        #expect(template.substitute(["val-error": 0.125, "GPUUtil/0": -.infinity]) == "echo {x} 0.125 -inf 0.125")
        #expect(template.substitute(["val-error": 1]) == nil)
        #expect(CommandTemplate.format(1 / 3) == "0.333333")
        #expect(CommandTemplate.format(1e-7) == "1e-07")
        #expect(CommandTemplate.format(123_456_789) == "1.23457e+08")
        #expect(CommandTemplate.format(.nan) == "nan")
        #expect(throws: TemplateSyntaxError(reason: "the '{' at offset 5 is not closed")) { try CommandTemplate(parsing: "echo {loss") }
        #expect(throws: TemplateSyntaxError(reason: "the '}' at offset 5 closes nothing")) { try CommandTemplate(parsing: "echo } x") }
    }

    @Test func runsTheCommandWithSubstitutedValues() throws {
        let harness = try Harness()
        let out = harness.root.appendingPathComponent("out.txt").path
        let putter = StatPutter(["val-error", "acc/top1"]) { epoch in
            ["val-error": epoch == 1 ? 1 / 3 : .infinity, "acc/top1": Double(epoch) / 4]
        }
        let send = SendStat(command: "echo {val-error} {acc/top1} '{{ok}}' >> \(out)", stats: ["val-error", "acc/top1"], finalWait: 10)
        let result = try Trainer(harness.config(OperationsBackend(), callbacks: [send, putter], variables: shellPath)).train()
        #expect(result.outcome == .completed)
        #expect(try String(contentsOfFile: out, encoding: .utf8) == "0.333333 0.25 {ok}\ninf 0.5 {ok}\n")
        #expect(!harness.messages.contains { $0.contains("WRN") })
    }

    @Test func aFailingCommandIsLoggedWithItsStandardErrorAndTrainingGoesOn() throws {
        let harness = try Harness()
        let putter = StatPutter(["loss"]) { ["loss": 1 / Double($0 * 2)] }
        let send = SendStat(command: "echo first line >&2; echo oops {loss} >&2; exit 3", stats: ["loss"], finalWait: 10)
        let result = try Trainer(harness.config(OperationsBackend(), callbacks: [putter, send], variables: shellPath)).train()
        #expect(result.outcome == .completed)
        let warnings = harness.messages.filter { $0.hasPrefix("WRN SendStat") }
        #expect(warnings == [
            "WRN SendStat: the command `echo first line >&2; echo oops 0.5 >&2; exit 3` exited with status 3; training goes on",
            "WRN SendStat: the command `echo first line >&2; echo oops 0.25 >&2; exit 3` exited with status 3; training goes on",
        ])
        #expect(harness.messages.filter { $0 == "WRN stderr: first line" }.count == 2)
        #expect(harness.messages.contains("WRN oops 0.5"))
    }

    @Test func aSlowCommandIsKilledAfterItsTimeoutWithoutBlockingTraining() throws {
        let harness = try Harness()
        let putter = StatPutter(["loss"]) { _ in ["loss": 1] }
        let send = SendStat(command: "sleep 5", stats: ["loss"], timeout: 0.3, finalWait: 5)
        var loopStart = Date(), loopEnd = Date()
        let timer = LambdaCallback(beforeTrain: { _ in loopStart = Date() }, trigger: { _ in loopEnd = Date() })
        let start = Date()
        let config = harness.config(OperationsBackend(), callbacks: [timer, putter, send], stepsPerEpoch: 5, maxEpoch: 3, variables: shellPath)
        let result = try Trainer(config).train()
        let total = Date().timeIntervalSince(start)
        #expect(result.outcome == .completed)
        #expect(loopEnd.timeIntervalSince(loopStart) < 0.25, "the step loop waited for the command")
        #expect(total < 3.5, "three killed commands take about 3 × 0.3 s, not 3 × 5 s (took \(total) s)")
        let kills = harness.messages.filter { $0 == "WRN SendStat: the command `sleep 5` did not finish within 0.3 s and was killed; training goes on" }
        #expect(kills.count == 3)
    }

    @Test func aPlaceholderTypoIsASetupErrorListingTheStats() throws {
        let harness = try Harness()
        let putter = StatPutter(["val-error", "loss"]) { _ in [:] }
        let send = SendStat(command: "echo {val-eror}", stats: ["val-error", "loss"])
        #expect(throws: OperationsError.unknownPlaceholder(callback: "SendStat", placeholder: "val-eror", known: ["val-error", "loss"])) {
            try Trainer(harness.config(OperationsBackend(), callbacks: [putter, send])).train()
        }
        let error = OperationsError.unknownPlaceholder(callback: "SendStat", placeholder: "val-eror", known: ["val-error", "loss"])
        #expect(error.description.contains("Did you mean '{val-error}'? (known stats: val-error, loss)"))
        // A stat nobody produces is the core's error, listing the stats that exist.
        let orphan = SendStat(command: "echo {nope}", stats: ["nope"])
        #expect(throws: TrainerError.self) { try Trainer(harness.config(OperationsBackend(), callbacks: [putter, orphan])).train() }
    }

    @Test func sendMonitorDataFiresOnlyOnceEveryStatArrived() throws {
        let harness = try Harness()
        let out = harness.root.appendingPathComponent("monitor.txt").path
        let putter = StatPutter(["a", "b"]) { epoch in
            switch epoch {
            case 1: return ["a": 1]
            case 2: return ["a": 2, "b": 20]
            case 3: return ["b": 30]
            default: return ["a": 4]
            }
        }
        let monitor = SendMonitorData(command: "echo {a} {b} >> \(out)", stats: ["a", "b"], finalWait: 10)
        let config = harness.config(OperationsBackend(), callbacks: [putter], monitors: [monitor], stepsPerEpoch: 1, maxEpoch: 4, variables: shellPath)
        _ = try Trainer(config).train()
        #expect(try String(contentsOfFile: out, encoding: .utf8) == "2 20\n4 30\n")
    }
}
