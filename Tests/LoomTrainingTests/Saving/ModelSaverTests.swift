import Foundation
import Testing
@testable import LoomTraining
import LoomTestSupport

/// Puts a non-finite `loss` at global step `step` (a diverged run).
private final class NaNLoss: Callback {
    let step: Int
    private var context: TrainerContext?
    init(step: Int) { self.step = step }
    var stepEvents: StepEvents { .triggerStep }
    func setUp(_ context: TrainerContext) throws { self.context = context }
    func triggerStep() throws { if context?.loop.globalStep == step { try context?.monitors.put(scalar: .nan, name: "loss") } }
}

@Suite struct ModelSaverTests {
    private func run(_ harness: Harness, _ callbacks: [any Callback], backend: FakeBackend = FakeBackend(),
                     maxEpoch: Int = 4) throws -> TrainingResult {
        try Trainer(harness.config(backend, callbacks: callbacks, stepsPerEpoch: 3, maxEpoch: maxEpoch, logLocation: .at("run"))).train()
    }

    private func files(_ harness: Harness) -> [String] { checkpointFiles(in: harness.root.appendingPathComponent("run")) }

    @Test func prunesThroughTheStore() throws {
        let harness = try Harness()
        let saver = ModelSaver(maxToKeep: 2)
        _ = try run(harness, [saver])
        #expect(files(harness) == ["model-12.safetensors", "model-9.safetensors"])
        let directory = harness.root.appendingPathComponent("run").path
        #expect(harness.messages.filter { $0.hasPrefix("Model saved to") }
                == [3, 6, 9, 12].map { "Model saved to \(directory)/model-\($0).safetensors." })
        #expect(saver.lastSavedURL?.lastPathComponent == "model-12.safetensors")
        let latest = try Checkpoint.load(contentsOf: harness.root.appendingPathComponent("run/model-12.safetensors"))
        #expect(latest.epoch == 4 && latest.globalStep == 12 && latest.midEpoch == nil)
        #expect(latest.arrays == [NamedArray(name: "w", shape: [2], values: [1, 2])])
        #expect(latest.createdAt == Date(timeIntervalSince1970: 1_700_000_000))
    }

    @Test func everyKStepsThroughPeriodicTrigger() throws {
        let harness = try Harness()
        _ = try run(harness, [PeriodicTrigger(ModelSaver(), everySteps: 4)], maxEpoch: 2)
        #expect(files(harness) == ["model-4.safetensors", "model-6.safetensors"])  // 6: the final save
        let mid = try Checkpoint.load(contentsOf: harness.root.appendingPathComponent("run/model-4.safetensors"))
        #expect(mid.epoch == 1 && mid.midEpoch == 2)
    }

    /// A full disk is loud: every failed save is reported and recorded, and the final one is flagged.
    @Test func everyFailedSaveOnAFullDiskIsReported() throws {
        guard let disk = try SmallDisk(kilobytes: 64) else { return }
        defer { disk.unmount() }
        let harness = try Harness()
        let backend = FakeBackend()
        backend.state = [NamedArray(name: "w", shape: [40_000], values: Array(repeating: 1, count: 40_000))]
        let saver = ModelSaver(directory: disk.url)
        let result = try run(harness, [saver], backend: backend)
        #expect(result.outcome == .completed && result.globalStep == 12)
        let errors = harness.messages.filter { $0.hasPrefix("ERR ModelSaver: could not save") }
        #expect(errors.count == 5, "one per epoch (3, 6, 9, 12), and the final save tries step 12 again")
        #expect(errors.first?.hasPrefix("ERR ModelSaver: could not save the checkpoint of global_step 3: ") == true)
        #expect(errors.first?.hasSuffix("; no checkpoint of this run was saved yet; training goes on") == true)
        #expect(saver.failedSaves.map(\.step) == [3, 6, 9, 12, 12])
        #expect(saver.finalSaveFailed)
        #expect(saver.failedSaves.first?.reason.contains("No space left on device") == true)
        #expect(saver.lastSavedURL == nil)
        #expect(checkpointFiles(in: disk.url).isEmpty)
        #expect(throws: SavingError.self) { try saver.saveCheckpoint() }
    }

    @Test func theFinalSaveFailingIsFlagged() throws {
        guard let disk = try SmallDisk(kilobytes: 64) else { return }
        defer { disk.unmount() }
        let harness = try Harness()
        let backend = FakeBackend()
        backend.state = [NamedArray(name: "w", shape: [40_000], values: Array(repeating: 1, count: 40_000))]
        let saver = ModelSaver(directory: disk.url)
        _ = try run(harness, [saver, StopAt(step: 5)], backend: backend)
        #expect(saver.finalSaveFailed)
        #expect(saver.failedSaves.map(\.step) == [3, 5])
    }

    @Test func stopOnSaveFailureStopsCleanlyAtTheFirstFailure() throws {
        guard let disk = try SmallDisk(kilobytes: 64) else { return }
        defer { disk.unmount() }
        let harness = try Harness()
        let backend = FakeBackend()
        backend.state = [NamedArray(name: "w", shape: [40_000], values: Array(repeating: 1, count: 40_000))]
        let saver = ModelSaver(directory: disk.url, stopOnSaveFailure: true)
        let result = try run(harness, [saver], backend: backend)
        guard case let .stopped(reason) = result.outcome else {
            Issue.record("expected a clean stop, got \(result.outcome)")
            return
        }
        #expect(result.globalStep == 3)
        #expect(reason.hasPrefix("the checkpoint of global_step 3 could not be saved ("))
        #expect(harness.messages.contains { $0.hasPrefix("ERR ModelSaver: could not save the checkpoint of global_step 3: ") && $0.hasSuffix("training stops") })
    }

    @Test func savesAtTheEndAfterAStop() throws {
        let harness = try Harness()
        let saver = ModelSaver()
        let result = try run(harness, [saver, StopAt(step: 5)])
        #expect(result.outcome == .stopped("time limit"))
        #expect(files(harness) == ["model-3.safetensors", "model-5.safetensors"])
        let last = try Checkpoint.load(contentsOf: harness.root.appendingPathComponent("run/model-5.safetensors"))
        #expect(last.globalStep == 5 && last.epoch == 1 && last.midEpoch == 2)
        #expect(saver.lastSavedURL?.lastPathComponent == "model-5.safetensors")
    }

    @Test func noFinalSaveAfterAnError() throws {
        let harness = try Harness()
        #expect(throws: CrashAt.Crash.self) { try run(harness, [ModelSaver(), CrashAt(step: 5)]) }
        #expect(files(harness) == ["model-3.safetensors"])
        #expect(harness.messages.contains("ModelSaver: no final checkpoint, training failed (Crash())"))
    }

    @Test func noFinalSaveAfterANumericsError() throws {
        let harness = try Harness()
        let failure = NumericsError(globalStep: 5, source: .output("loss"), index: 0, value: .nan)
        let diverge = LambdaCallback(triggerStep: { context in if context.loop.globalStep == 5 { throw failure } })
        #expect(throws: NumericsError.self) { try run(harness, [ModelSaver(), diverge]) }
        #expect(files(harness) == ["model-3.safetensors"])
        #expect(harness.messages.contains("ModelSaver: no final checkpoint, training failed (\(failure))"))
    }

    @Test func noFinalSaveAfterANonFiniteLoss() throws {
        let harness = try Harness()
        _ = try run(harness, [ModelSaver(), NaNLoss(step: 5), StopAt(step: 5)])
        #expect(files(harness) == ["model-3.safetensors"])
        #expect(harness.messages.contains("WRN ModelSaver: no final checkpoint, the latest 'loss' is nan"))
    }

    @Test func saveNowWritesTheCurrentStepOnce() throws {
        let harness = try Harness()
        let saver = ModelSaver()
        var urls: [URL?] = []
        let probe = LambdaCallback(trigger: { _ in urls.append(saver.saveNow()); urls.append(try saver.saveCheckpoint()) })
        _ = try run(harness, [probe, saver], maxEpoch: 1)
        #expect(urls.map { $0?.lastPathComponent } == ["model-3.safetensors", "model-3.safetensors"])
        #expect(harness.messages.filter { $0.hasPrefix("Model saved to") }.count == 1)
    }

    @Test func noLogDirectorySavesNothing() throws {
        let harness = try Harness()
        let saver = ModelSaver()
        _ = try Trainer(harness.config(FakeBackend(), callbacks: [saver], stepsPerEpoch: 3, maxEpoch: 1)).train()
        #expect(saver.store == nil && saver.saveNow() == nil)
        #expect(throws: SavingError.saveFailed(step: 3, reason: "the run has no log directory and the saver no directory")) {
            try saver.saveCheckpoint()
        }
        #expect(harness.messages.contains("WRN ModelSaver: the run has no log directory and no directory was given; no checkpoint is saved"))
    }
}
