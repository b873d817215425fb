import Foundation
import Testing
@testable import LoomTraining

/// Records what it processes as `"<label> <kind> <name>@<step>"`.
private final class RecordingMonitor: Monitor {
    let label: String
    let log: EventLog
    init(_ label: String, log: EventLog) {
        self.label = label
        self.log = log
    }
    var name: String { label }
    var stepEvents: StepEvents { [] }
    func process(scalar value: Double, name: String, globalStep: Int) throws { log.entries.append("\(label) scalar \(name)=\(value)@\(globalStep)") }
    func process(histogram: Histogram, name: String, globalStep: Int) throws { log.entries.append("\(label) histogram \(name)@\(globalStep)") }
    func process(image: Image, name: String, globalStep: Int) throws { log.entries.append("\(label) image \(name)@\(globalStep)") }
    func process(text: String, name: String, globalStep: Int) throws { log.entries.append("\(label) text \(name)=\(text)@\(globalStep)") }
}

@Suite struct MonitorsTests {
    @Test func fanOutInOrderAndKeepHistory() throws {
        let harness = try Harness()
        let log = EventLog()
        let putter = LambdaCallback(trigger: { context in
            let monitors = context.monitors
            try monitors.put(scalar: Double(context.loop.epochNumber), name: "x")
            try monitors.put(text: "hi", name: "note")
            try monitors.put(image: Image(width: 1, height: 1, channels: 1, pixels: [7]), name: "img")
        })
        let trainer = Trainer(harness.config(FakeBackend(), callbacks: [putter],
                                             monitors: [RecordingMonitor("M1", log: log), RecordingMonitor("M2", log: log)]))
        _ = try trainer.train()
        #expect(log.entries == [
            "M1 scalar x=1.0@3", "M2 scalar x=1.0@3", "M1 text note=hi@3", "M2 text note=hi@3", "M1 image img@3", "M2 image img@3",
            "M1 scalar x=2.0@6", "M2 scalar x=2.0@6", "M1 text note=hi@6", "M2 text note=hi@6", "M1 image img@6", "M2 image img@6",
        ])
        #expect(trainer.monitors.history("x") == [StatPoint(globalStep: 3, value: 1), StatPoint(globalStep: 6, value: 2)])
        #expect(trainer.monitors.latest("x") == 2)
        #expect(trainer.monitors.latest("missing") == nil)
        #expect(trainer.monitors.history("missing").isEmpty)
        #expect(trainer.monitors.statNames == ["x"])

        let restored = Monitors(loop: LoopState(stepsPerEpoch: 1, startEpoch: 1, maxEpoch: 1))
        try restored.importState(trainer.monitors.exportState())
        #expect(restored.history("x") == trainer.monitors.history("x"))
    }

    @Test func nonChiefSkipsChiefOnlyCallbacks() throws {
        let harness = try Harness()
        var ran: [String] = []
        var config = harness.config(FakeBackend(), callbacks: [
            LambdaCallback(name: "Writer", chiefOnly: true, trigger: { _ in ran.append("Writer") }),
            LambdaCallback(name: "Tracker", chiefOnly: false, trigger: { _ in ran.append("Tracker") }),
        ], maxEpoch: 1)
        config.isChief = false
        _ = try Trainer(config).train()
        #expect(ran == ["Tracker"])
        #expect(harness.messages.contains("WRN Writer runs only on the chief; skipped on this process"))
    }

    @Test func hyperparametersByName() throws {
        let harness = try Harness()
        let backend = FakeBackend()
        var seen: [Double] = []
        let setter = LambdaCallback(trigger: { context in
            seen.append(try context.hyperparameters.value("learning_rate"))
            try context.hyperparameters.set("learning_rate", to: 0.01)
        })
        _ = try Trainer(harness.config(backend, callbacks: [setter])).train()
        #expect(seen == [0.1, 0.01])
        #expect(backend.hyperparameters["learning_rate"] == 0.01)
        let hyper = Hyperparameters(backend: backend)
        #expect(throws: TrainerError.unknownHyperparameter(name: "learning_rat", known: ["learning_rate"], suggestion: "learning_rate")) {
            try hyper.set("learning_rat", to: 1)
        }
    }
}
