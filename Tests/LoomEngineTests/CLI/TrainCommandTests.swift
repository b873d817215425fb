import Foundation
import LoomTraining
import Testing
import LoomTestSupport

@Suite struct TrainCommandTests {
    @Test func trainsAndLeavesReadableFiles() throws {
        let directory = try TemporaryDirectory()
        guard let result = try LoomProcess.run(["train", "--epochs", "1", "--logdir", "run"] + LoomProcess.tiny, in: directory.url) else { return }
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stderr == "")
        let run = directory.url.appendingPathComponent("run")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains("Best checkpoint:   run/min-val-error-top1.safetensors"))
        #expect(lines.contains("Latest checkpoint: run/model-5.safetensors"))
        #expect(lines.contains("Stats:             run/stats.json"))
        #expect(lines.contains { $0.hasPrefix("Best val-error-top1: ") && $0.contains(" at epoch 1 (global_step 5)") })
        #expect(lines.contains("Resume or extend:  loom train --resume --logdir run --epochs N --hidden 16 --image-size 8 --train-size 160 "
            + "--val-size 100 --batch-size 16 --steps-per-epoch 5 --threads 1"))

        let stats = try JSONSerialization.jsonObject(with: Data(contentsOf: run.appendingPathComponent("stats.json"))) as? [[String: Any]]
        let last = try #require(stats?.last)
        #expect(last["global_step"] as? Int == 5)
        #expect(last["epoch_num"] as? Int == 1)
        for key in ["cost", "cross_entropy_loss", "train-error-top1", "val-error-top1", "val-error-top5", "validation_cost", "fc1/W/norm"] {
            #expect(last[key] is Double, "stats.json lacks \(key)")
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: run.path)
        let events = try #require(files.first { $0.hasPrefix("events.out.tfevents.") })
        let tags = Set(try TensorBoardEventReader.values(at: run.appendingPathComponent(events)).map(\.tag))
        #expect(tags.isSuperset(of: ["val-error-top1", "cost", "fc1/W", "learning_rate"]))
        let checkpoint = try Checkpoint.load(contentsOf: run.appendingPathComponent("min-val-error-top1.safetensors"))
        #expect(checkpoint.globalStep == 5)
        #expect(Set(checkpoint.arrays.map(\.name)).isSuperset(of: ["fc1/W", "fc1/b", "fc/W", "fc/b", "optimizer/fc1/W/m", "optimizer/fc/b/v"]))
        let sent = try String(contentsOf: run.appendingPathComponent("sendstat.log"), encoding: .utf8)
        #expect(sent.hasPrefix("val-error-top1="))
        #expect(sent.contains(" learning_rate=0.001\n"))
        #expect(files.contains("hyper.txt") && files.contains("log.log"))
    }

    @Test func resumedRunIsBitIdenticalToAnUninterruptedOne() throws {
        let directory = try TemporaryDirectory()
        // One schedule for both runs (the default one is scaled to --epochs).
        let tiny = LoomProcess.tiny + ["--lr-schedule", "2:3e-4,3:1e-4", "--lr", "3e-3"]
        guard let full = try LoomProcess.run(["train", "--epochs", "4", "--logdir", "full"] + tiny, in: directory.url) else { return }
        #expect(full.status == 0, "stderr: \(full.stderr)")
        let half = try #require(try LoomProcess.run(["train", "--epochs", "2", "--logdir", "split"] + tiny, in: directory.url))
        #expect(half.status == 0, "stderr: \(half.stderr)")
        let rest = try #require(try LoomProcess.run(["train", "--resume", "--epochs", "4", "--logdir", "split"] + tiny,
                                                    in: directory.url))
        #expect(rest.status == 0, "stderr: \(rest.stderr)")
        #expect(rest.stdout.contains("(resumed from model-10.safetensors)"))
        func stats(_ run: String) throws -> NSArray? {
            try JSONSerialization.jsonObject(with: Data(contentsOf: directory.url.appendingPathComponent("\(run)/stats.json"))) as? NSArray
        }
        let fullStats = try #require(try stats("full")), splitStats = try #require(try stats("split"))
        #expect(fullStats.count == 5)
        #expect(fullStats == splitStats)
        func weights(_ run: String) throws -> [NamedArray] {
            try Checkpoint.load(contentsOf: directory.url.appendingPathComponent("\(run)/model-20.safetensors")).arrays
        }
        #expect(try weights("full") == (try weights("split")))
    }

    @Test func badInputIsOneLineAndExitCode2() throws {
        let directory = try TemporaryDirectory()
        let cases: [([String], String)] = [
            (["train", "--data", "mnist:missing"], "loom train: error: the MNIST directory 'missing' does not exist"),
            (["train", "--data", "imagenet"], "loom train: error: The value 'imagenet' is invalid for '--data <data>'. "
                + "Please provide one of 'synthetic', 'mnist:DIR', 'cifar10:DIR' or 'csv:FILE'. (see loom train --help)\n"),
            (["train", "--log-dir-action", "ask"], "loom train: error: The value 'ask' is invalid for '--log-dir-action <log-dir-action>'. "
                + "Please provide one of 'keep', 'delete', 'backup' or 'refuse'. (see loom train --help)\n"),
            (["train", "--model", "vgg"], "loom train: error: The value 'vgg' is invalid for '--model <model>'. "
                + "Please provide one of 'mlp', 'lenet', 'cnn' or 'resnet20'."),
            (["train", "--optimizer", "rmsprop"], "loom train: error: The value 'rmsprop' is invalid for '--optimizer <optimizer>'. "
                + "Please provide one of 'adam' and 'sgd'."),
            (["train", "--epochs", "x"], "loom train: error: The value 'x' is invalid for '--epochs <epochs>'"),
            (["train", "--force"], "loom train: error: --force applies only to --log-dir-action delete (see loom train --help)\n"),
            (["train", "--resume"], "loom train: error: --resume needs --logdir naming the run to continue"),
            (["train", "--hidden", "16,,8"], "loom train: error: --hidden '16,,8' must be positive widths separated by commas"),
            (["train", "--lr-schedule", "3:1e-4,2:1e-5"], "loom train: error: --lr-schedule '3:1e-4,2:1e-5' must be EPOCH:VALUE pairs"),
            (["train", "--batch-size", "0"], "loom train: error: --batch-size must be at least 1, got 0"),
            (["stats"], "loom stats: error: Missing expected argument '<path>'"),
        ]
        for (arguments, prefix) in cases {
            guard let result = try LoomProcess.run(arguments, in: directory.url) else { return }
            #expect(result.status == 2, "\(arguments)")
            #expect(result.stdout == "")
            #expect(result.stderr.hasPrefix(prefix), "\(result.stderr)")
            #expect(result.stderr.filter { $0 == "\n" }.count == 1, "\(result.stderr)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.url.path).isEmpty)
    }
}
