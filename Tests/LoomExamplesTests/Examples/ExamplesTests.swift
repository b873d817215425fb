import Foundation
import LoomTraining
import Testing
import LoomTestSupport

/// Runs each example in `Examples/` for a few steps on tiny data written here, and checks
/// the files it leaves. The binaries are found next to the test bundle (see
/// ``ExampleProcess``), so build with `swift build --build-tests` first (`swift test` does).
@Suite struct ExamplesTests {
    @Test func seedResNet20TrainsOnCIFAR10AndResumes() throws {
        let directory = try TemporaryDirectory()
        let data = directory.url.appendingPathComponent("cifar")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        try DatasetFiles.writeCIFAR10(to: data, perBatch: 4, test: 6)
        let tiny = ["--steps-per-epoch", "2", "--batch-size", "4", "--train-size", "16", "--val-size", "6", "--logdir", "run"]
        guard let first = try ExampleProcess.run("seed-resnet20-cifar10", [data.path, "--epochs", "1"] + tiny, in: directory.url) else { return }
        #expect(first.status == 0, "stderr: \(first.stderr)")
        let run = directory.url.appendingPathComponent("run")
        #expect(first.stdout.hasSuffix("trained 1 epochs; see \(run.path)\n"))
        let stats = try ExampleProcess.stats(run)
        let last = try #require(stats.last)
        #expect(last["global_step"] as? Int == 2)
        #expect(last["epoch_num"] as? Int == 1)
        for key in ["val-error-top1", "val-error-top5", "validation_cost", "cost", "fc/W/norm"] {
            #expect(last[key] is Double, "stats.json lacks \(key)")
        }
        let error = try #require(last["val-error-top1"] as? Double)
        #expect((0...1).contains(error))
        #expect(try Checkpoint.load(contentsOf: run.appendingPathComponent("min-val-error-top1.safetensors")).globalStep == 2)
        #expect(try Checkpoint.load(contentsOf: run.appendingPathComponent("model-2.safetensors")).globalStep == 2)
        let sent = try String(contentsOf: run.appendingPathComponent("sendstat.log"), encoding: .utf8)
        // SendStat ran its command once (after epoch 1) with the epoch's error filled in.
        #expect(sent.hasPrefix("epoch error ") && sent.hasSuffix("\n") && sent.split(separator: "\n").count == 1)
        let sentError = try #require(Double(sent.dropFirst("epoch error ".count).dropLast()))
        #expect(abs(sentError - error) < 1e-5)  // SendStat writes 6 significant digits
        let hyper = try String(contentsOf: run.appendingPathComponent("hyper.txt"), encoding: .utf8)
        #expect(hyper.split(separator: "\n").contains("learning_rate:0.1"))

        // Rerunning with more epochs continues from the checkpoint (AutoResume).
        let second = try #require(try ExampleProcess.run("seed-resnet20-cifar10", [data.path, "--epochs", "2"] + tiny, in: directory.url))
        #expect(second.status == 0, "stderr: \(second.stderr)")
        #expect(second.stdout.hasSuffix("trained 2 epochs (resumed from model-2.safetensors); see \(run.path)\n"))
        let resumed = try ExampleProcess.stats(run)
        #expect(resumed.compactMap { $0["val-error-top1"] == nil ? nil : $0["global_step"] as? Int } == [2, 4])
    }

    @Test func mnistMLPTrainsFromIDXFiles() throws {
        let directory = try TemporaryDirectory()
        let data = directory.url.appendingPathComponent("mnist")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        try DatasetFiles.writeMNIST(to: data, train: 40, test: 20)
        guard let result = try ExampleProcess.run("mnist-mlp", [data.path, "--epochs", "2", "--batch-size", "8", "--train-size", "32",
                                                                "--val-size", "16", "--logdir", "run"], in: directory.url) else { return }
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let run = directory.url.appendingPathComponent("run")
        let stats = try ExampleProcess.stats(run)
        // --train-size 32 / --batch-size 8 = 4 steps per epoch.
        #expect(stats.compactMap { $0["val-error-top1"] == nil ? nil : $0["global_step"] as? Int } == [4, 8])
        let last = try #require(stats.last)
        #expect(last["epoch_num"] as? Int == 2)
        #expect(last["validation_cost"] is Double)
        let best = try Checkpoint.load(contentsOf: run.appendingPathComponent("min-val-error-top1.safetensors"))
        #expect([4, 8].contains(best.globalStep))
        #expect(Set(best.arrays.map(\.name)).isSuperset(of: ["fc1/W", "fc/b"]))
        #expect(try Checkpoint.load(contentsOf: run.appendingPathComponent("model-8.safetensors")).globalStep == 8)
    }

    @Test func customCallbackPutsItsStatEveryThreeSteps() throws {
        let directory = try TemporaryDirectory()
        guard let result = try ExampleProcess.run("custom-callback", ["--epochs", "2", "--steps-per-epoch", "5", "--every", "3",
                                                                      "--logdir", "run"], in: directory.url) else { return }
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let run = directory.url.appendingPathComponent("run")
        let stats = try ExampleProcess.stats(run)
        let withStat = stats.filter { $0["max-step-cost"] != nil }
        #expect(withStat.compactMap { $0["global_step"] as? Int } == [3, 6, 9])
        for entry in withStat {
            let cost = try #require(entry["max-step-cost"] as? Double)
            let error = try #require(entry["max-step-train-error-top1"] as? Double)
            #expect(cost > 0 && cost.isFinite)
            #expect((0...1).contains(error))
        }
        let log = try String(contentsOf: run.appendingPathComponent("log.log"), encoding: .utf8)
        #expect(log.contains("epoch 1 done, max step cost "))
        #expect(log.contains("epoch 2 done, max step cost "))
        #expect(result.stdout.hasSuffix("done; see run/stats.json\n"))
    }
}
