import Foundation
import Testing
@testable import LoomTraining

@Suite struct StatOrderingTests {
    @Test func consumerBeforeProducerIsMovedAfterIt() throws {
        let harness = try Harness()
        let log = EventLog()
        let minSaver = EventRecorder("MinSaver", log: log, events: [])
        minSaver.consumed = ["val-error"]
        let runner = EventRecorder("InferenceRunner", log: log, events: [])
        runner.produced = ["val-error"]
        let other = EventRecorder("Other", log: log, events: [])
        let trainer = Trainer(harness.config(FakeBackend(), callbacks: [minSaver, other, runner], maxEpoch: 1))
        _ = try trainer.train()
        #expect(trainer.callbacks.map(\.name) == ["Other", "InferenceRunner", "MinSaver"])
        #expect(log.entries.filter { $0.contains(".trigger ") }.map { String($0.prefix(while: { $0 != "." })) }
                == ["Other", "InferenceRunner", "MinSaver"])
        #expect(Array(log.entries.prefix(3)) == ["MinSaver.setUp", "Other.setUp", "InferenceRunner.setUp"])
        #expect(harness.messages.contains("Callback order: MinSaver moved after InferenceRunner, which produce the stats it reads"))
    }

    @Test func typoInAStatNameListsTheKnownNames() throws {
        let harness = try Harness()
        let log = EventLog()
        let consumer = EventRecorder("MinSaver", log: log, events: [])
        consumer.consumed = ["val-eror"]
        let producer = EventRecorder("InferenceRunner", log: log, events: [])
        producer.produced = ["val-error", "val-loss"]
        let config = harness.config(FakeBackend(), callbacks: [producer, consumer], extra: [MovingAverageSummary()])
        let expected = TrainerError.unknownStat(consumer: "MinSaver", stat: "val-eror", known: ["val-error", "val-loss", "loss"],
                                                suggestion: "val-error")
        do {
            _ = try Trainer(config).train()
            Issue.record("expected an error")
        } catch let error as TrainerError {
            guard case let .unknownStat(consumer, stat, known, suggestion) = error, case let .unknownStat(_, _, expectedKnown, _) = expected else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(consumer == "MinSaver" && stat == "val-eror" && suggestion == "val-error")
            #expect(Set(known) == Set(expectedKnown))
            #expect(error.description == "MinSaver reads the stat 'val-eror', which no callback or backend produces. Did you mean 'val-error'? (known stats: loss, val-error, val-loss). Add the callback that produces it or fix the name.")
        }
        #expect(log.entries == ["InferenceRunner.setUp", "MinSaver.setUp"])
    }

    @Test func cyclesAreRejected() throws {
        let harness = try Harness()
        let log = EventLog()
        let a = EventRecorder("A", log: log, events: [])
        a.produced = ["x"]
        a.consumed = ["y"]
        let b = EventRecorder("B", log: log, events: [])
        b.produced = ["y"]
        b.consumed = ["x"]
        #expect(throws: TrainerError.statCycle(callbacks: ["A", "B"])) {
            try Trainer(harness.config(FakeBackend(), callbacks: [a, b])).train()
        }
    }

    @Test func editDistanceSuggestions() {
        #expect(NameSuggestion.editDistance("kitten", "sitting") == 3)
        #expect(NameSuggestion.closest(to: "learning_rat", in: ["momentum", "learning_rate"]) == "learning_rate")
        #expect(NameSuggestion.closest(to: "zzz", in: ["learning_rate"]) == nil)
    }
}
