import Foundation
import LoomTestSupport
import LoomTraining
import Testing

/// Runs `Examples/digit-gan` for a few steps on synthetic digits.
@Suite struct DigitGANTests {
    let tiny = ["--steps-per-epoch", "2", "--batch-size", "8", "--train-size", "32", "--val-size", "16"]

    @Test func trainsBothNetworksPutsSampleGridsAndResumesExactly() throws {
        let directory = try TemporaryDirectory()
        guard let first = try ExampleProcess.run("digit-gan", ["--epochs", "1", "--logdir", "split"] + tiny, in: directory.url) else { return }
        #expect(first.status == 0, "stderr: \(first.stderr)")
        #expect(first.stdout.contains("baseline: the untrained generator's sample_mean_mse is 0."))
        let second = try #require(try ExampleProcess.run("digit-gan", ["--epochs", "2", "--logdir", "split"] + tiny, in: directory.url))
        #expect(second.status == 0, "stderr: \(second.stderr)")
        let split = directory.url.appendingPathComponent("split")
        #expect(second.stdout.hasSuffix("trained 2 epochs (resumed from model-2.safetensors); see \(split.path)\n"))
        let whole = try #require(try ExampleProcess.run("digit-gan", ["--epochs", "2", "--logdir", "whole"] + tiny, in: directory.url))
        #expect(whole.status == 0, "stderr: \(whole.stderr)")
        let run = directory.url.appendingPathComponent("whole")
        let stats = try ExampleProcess.stats(run)
        let last = try #require(stats.last)
        for key in ["d_loss", "g_loss", "val_d_loss", "val_g_loss", "val_d_accuracy", "sample_mean_mse"] {
            #expect(last[key] is Double, "stats.json lacks \(key)")
        }
        #expect(stats.compactMap { $0["sample_mean_mse"] == nil ? nil : $0["global_step"] as? Int } == [2, 4])
        // Both optimizers' state is in the checkpoint.
        let names = Set(try Checkpoint.load(contentsOf: run.appendingPathComponent("min-sample_mean_mse.safetensors")).arrays.map(\.name))
        #expect(names.isSuperset(of: ["gen/fc1/W", "disc/fc2/b", "optimizer/generator/gen/fc1/W/m", "optimizer/discriminator/disc/fc1/W/v"]))
        let hyper = try String(contentsOf: run.appendingPathComponent("hyper.txt"), encoding: .utf8)
        #expect(hyper.contains("generator/learning_rate:0.0005"))
        // A 4x8 grid of 28x28 samples per epoch.
        let events = try ExampleProcess.eventFileBytes(run)
        #expect(ExampleProcess.count(of: "samples", in: events) == 2)
        #expect(ExampleProcess.contains(pngOfWidth: 8 * 29 - 1, height: 4 * 29 - 1, in: events))
        try ResumeCheck.expectSameRun(split, run, checkpoint: "model-4.safetensors", stats: ["d_loss", "g_loss", "val_d_loss", "sample_mean_mse"])
    }
}
