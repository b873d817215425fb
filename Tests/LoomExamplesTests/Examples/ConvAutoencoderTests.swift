import Foundation
import LoomTestSupport
import LoomTraining
import Testing

/// Runs `Examples/conv-autoencoder` for a few steps on synthetic digits and on IDX files.
@Suite struct ConvAutoencoderTests {
    let tiny = ["--steps-per-epoch", "2", "--batch-size", "8", "--train-size", "32", "--val-size", "16"]

    @Test func reportsValMSEPutsImagePairsAndResumesExactly() throws {
        let directory = try TemporaryDirectory()
        guard let first = try ExampleProcess.run("conv-autoencoder", ["--epochs", "1", "--logdir", "split"] + tiny, in: directory.url) else { return }
        #expect(first.status == 0, "stderr: \(first.stderr)")
        #expect(first.stdout.contains("data: 32 training and 16 validation images (synthetic digits)\n"))
        #expect(first.stdout.contains("baseline: predicting the mean training image gives val_mse 0."))
        let second = try #require(try ExampleProcess.run("conv-autoencoder", ["--epochs", "2", "--logdir", "split"] + tiny, in: directory.url))
        #expect(second.status == 0, "stderr: \(second.stderr)")
        let split = directory.url.appendingPathComponent("split")
        #expect(second.stdout.hasSuffix("trained 2 epochs (resumed from model-2.safetensors); see \(split.path)\n"))
        let whole = try #require(try ExampleProcess.run("conv-autoencoder", ["--epochs", "2", "--logdir", "whole"] + tiny, in: directory.url))
        #expect(whole.status == 0, "stderr: \(whole.stderr)")
        let run = directory.url.appendingPathComponent("whole")
        let stats = try ExampleProcess.stats(run)
        #expect(stats.compactMap { $0["val_mse"] == nil ? nil : $0["global_step"] as? Int } == [2, 4])
        let mse = try #require(stats.last?["val_mse"] as? Double)
        #expect(mse > 0 && mse < 1)
        let best = try Checkpoint.load(contentsOf: run.appendingPathComponent("min-val_mse.safetensors"))
        #expect(Set(best.arrays.map(\.name)).isSuperset(of: ["conv1/W", "conv4/b", "optimizer/conv1/W/m"]))
        // One input/reconstruction grid per epoch in the event file: 2 rows of 8 images of 28x28, 1-pixel lines.
        let events = try ExampleProcess.eventFileBytes(run)
        #expect(ExampleProcess.count(of: "reconstruction", in: events) == 2)
        #expect(ExampleProcess.contains(pngOfWidth: 8 * 29 - 1, height: 2 * 29 - 1, in: events))
        try ResumeCheck.expectSameRun(split, run, checkpoint: "model-4.safetensors", stats: ["val_mse", "mse"])
    }

    @Test func readsIDXFiles() throws {
        let directory = try TemporaryDirectory()
        let data = directory.url.appendingPathComponent("mnist")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        try DatasetFiles.writeMNIST(to: data, train: 24, test: 10)
        guard let result = try ExampleProcess.run("conv-autoencoder", ["--data", data.path, "--epochs", "1", "--logdir", "run"] + tiny,
                                                  in: directory.url) else { return }
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout.contains("data: 24 training and 10 validation images (IDX files in \(data.path))\n"))
        #expect(try ExampleProcess.stats(directory.url.appendingPathComponent("run")).last?["val_mse"] is Double)
        let missing = try #require(try ExampleProcess.run("conv-autoencoder", ["--data", "nowhere", "--logdir", "bad"], in: directory.url))
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("train-images-idx3-ubyte"))
    }
}
