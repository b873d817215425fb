import Foundation
import Testing
@testable import LoomTraining

@Suite struct TFEventWriterTests {
    private func eventFiles(_ harness: Harness) throws -> [URL] {
        let dir = harness.root.appendingPathComponent("train_log/test")
        return try FileManager.default.contentsOfDirectory(atPath: dir.path)
            .filter { $0.hasPrefix("events.out.tfevents.") }.sorted()
            .map { dir.appendingPathComponent($0) }
    }

    /// Every scalar and summary the run puts arrives in the event file at its global step.
    @Test func writesEveryStatAtItsStep() throws {
        let harness = try Harness()
        let putter = LambdaCallback(trigger: { context in
            try context.monitors.put(scalar: Double(context.loop.epochNumber) / 4, name: "val-error")
            try context.monitors.put(text: "epoch \(context.loop.epochNumber)", name: "notes")
        })
        _ = try Trainer(harness.config(FakeBackend(), callbacks: [putter], extra: [MergeAllSummaries()],
                                       monitors: [TFEventWriter()], logLocation: .automatic)).train()
        let files = try eventFiles(harness)
        #expect(files.count == 1)
        let values = try TensorBoardEventReader.values(at: files[0])
        let scalars = values.compactMap { value -> String? in
            guard case let .scalar(number) = value.value else { return nil }
            return "\(value.tag)@\(value.step)=\(number)"
        }
        #expect(scalars == ["weights/norm@3=3.0", "val-error@3=0.25", "weights/norm@6=6.0", "val-error@6=0.5"])
        let histograms = values.filter { if case .histogram = $0.value { return true } else { return false } }.map { "\($0.tag)@\($0.step)" }
        #expect(histograms == ["weights@3", "weights@6"])
        let texts = values.compactMap { value -> String? in
            guard case let .text(text) = value.value else { return nil }
            return "\(value.tag)@\(value.step)=\(text)"
        }
        #expect(texts == ["notes@3=epoch 1", "notes@6=epoch 2"])
    }

    /// A resumed run's file starts with a session start at the step after its checkpoint
    /// (TensorBoard drops the older files' values from there on); a fresh run's has none.
    @Test func aResumedRunStartsASessionAfterItsCheckpoint() throws {
        let harness = try Harness()
        func config(maxEpoch: Int) -> TrainConfig {
            harness.config(FakeBackend(), callbacks: [ModelSaver()], monitors: [TFEventWriter()], stepsPerEpoch: 3,
                           maxEpoch: maxEpoch, logLocation: .at("run"))
        }
        _ = try Trainer(config(maxEpoch: 2)).train()
        harness.clock.advance(by: 10)
        _ = try AutoResume(config(maxEpoch: 3)).train()
        let dir = harness.root.appendingPathComponent("run")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path)
            .filter { $0.hasPrefix("events.out.tfevents.") }.sorted().map { dir.appendingPathComponent($0) }
        #expect(files.count == 2)
        let starts = try files.map { try TensorBoardEventReader.events(at: $0).filter(\.startsSession).map(\.step) }
        #expect(starts == [[], [7]])
        #expect(try TensorBoardEventReader.events(at: files[1]).dropFirst().first?.startsSession == true)
    }

    @Test func splitFilesWritesOneFilePerEpoch() throws {
        let harness = try Harness()
        let putter = LambdaCallback(trigger: { context in
            try context.monitors.put(scalar: 1, name: "x")
            harness.clock.advance(by: 1)
        })
        let monitor = TFEventWriter(splitFiles: true)
        _ = try Trainer(harness.config(FakeBackend(), callbacks: [putter], monitors: [monitor],
                                       maxEpoch: 3, logLocation: .automatic)).train()
        let files = try eventFiles(harness)
        #expect(files.count == 3)
        let steps = try files.map { try TensorBoardEventReader.values(at: $0).map(\.step) }
        #expect(steps == [[3], [6], [9]])
    }

    /// A removed log directory is reported once in the log; training finishes.
    @Test func writeErrorIsLoggedOnceAndTrainingGoesOn() throws {
        let harness = try Harness()
        let remover = LambdaCallback(trigger: { context in
            try context.monitors.put(scalar: 1, name: "x")
            if context.loop.epochNumber == 1, let dir = context.logDirectory {
                try FileManager.default.removeItem(at: dir)
            }
        })
        let result = try Trainer(harness.config(FakeBackend(), callbacks: [remover], monitors: [TFEventWriter()],
                                                maxEpoch: 3, logLocation: .automatic)).train()
        #expect(result.outcome == .completed)
        let errors = harness.messages.filter { $0.contains("TFEventWriter:") }
        #expect(errors.count == 1)
        #expect(errors.first?.contains("events.out.tfevents") == true)
    }
}
