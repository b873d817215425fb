import Foundation
import Testing
@testable import LoomTraining

@Suite struct InitFromCheckpointTests {
    private func write(_ arrays: [NamedArray], in harness: Harness) throws -> URL {
        let url = harness.root.appendingPathComponent("pretrained.safetensors")
        try Checkpoint(arrays: arrays, globalStep: 100, epoch: 10, createdAt: Date(timeIntervalSince1970: 0)).write(to: url)
        return url
    }

    @Test func loadsAFilteredRenamedSubset() throws {
        let harness = try Harness()
        let file = try write([NamedArray(name: "pretrained/w", shape: [3], values: [7, 8, 9]),
                              NamedArray(name: "pretrained/head", shape: [4], values: [1, 1, 1, 1])], in: harness)
        let backend = DriftBackend()
        let restore = CheckpointRestore(selection: .prefix("model/"), renames: ["pretrained/w": "model/w"])
        _ = try Trainer(harness.config(backend, callbacks: [InitFromCheckpoint(file: file, restore: restore),
                                                            LambdaCallback(beforeTrain: { _ in #expect(backend.weights == [7, 8, 9]) })],
                                       stepsPerEpoch: 0, maxEpoch: 1)).train()
        #expect(backend.weights == [7, 8, 9])
        #expect(backend.velocity == [0, 0, 0])  // outside the selection: unchanged
        #expect(harness.messages.contains("Restored 1 of 2 variables from \(file.path)"))
    }

    @Test func listsEveryMissingExtraAndMismatchedName() throws {
        let harness = try Harness()
        let file = try write([NamedArray(name: "model/w", shape: [2], values: [1, 2]),
                              NamedArray(name: "extra/x", shape: [1], values: [5])], in: harness)
        let backend = DriftBackend()
        let trainer = Trainer(harness.config(backend, callbacks: [InitFromCheckpoint(file: file)], stepsPerEpoch: 1, maxEpoch: 1))
        let expected = CheckpointRestoreError.incompatible(
            path: file.path,
            missing: [CheckpointVariable(name: "optimizer/model/w/velocity", shape: [3])],
            extra: [CheckpointVariable(name: "extra/x", shape: [1])],
            shapes: [.init(name: "model/w", checkpointShape: [2], modelShape: [3])])
        #expect(throws: expected) { try trainer.train() }
        #expect(backend.steps == 0 && backend.weights == [2, -1, 0.25])
    }

    @Test func aResumedRunIgnoresIt() throws {
        let harness = try Harness()
        let file = try write([NamedArray(name: "model/w", shape: [3], values: [7, 8, 9]),
                              NamedArray(name: "optimizer/model/w/velocity", shape: [3], values: [0, 0, 0])], in: harness)
        func config(_ backend: DriftBackend, maxEpoch: Int) -> TrainConfig {
            harness.config(backend, callbacks: [InitFromCheckpoint(file: file), ModelSaver()], stepsPerEpoch: 2,
                           maxEpoch: maxEpoch, logLocation: .at("run"))
        }
        let first = DriftBackend()
        _ = try Trainer(config(first, maxEpoch: 1)).train()
        let second = DriftBackend()
        _ = try AutoResume(config(second, maxEpoch: 2)).train()
        #expect(harness.messages.contains("InitFromCheckpoint(pretrained.safetensors): the run resumes from its own checkpoint; \(file.path) is not loaded"))
        let saved = try Checkpoint.load(contentsOf: harness.root.appendingPathComponent("run/model-2.safetensors"))
        #expect(saved.arrays.first?.values == first.weights)
        #expect(second.steps == 2)
    }
}
