import Foundation
import LoomTraining
import Testing
import LoomTestSupport

/// Runs `Examples/regression-csv` (docs/TrainYourOwnModel.md) for a few steps and checks
/// that the page's code is the example's.
@Suite struct RegressionCSVTests {
    @Test func trainsOnAGeneratedCSVKeepsTheBestValidationMSEAndResumesExactly() throws {
        let directory = try TemporaryDirectory()
        let tiny = ["--steps-per-epoch", "3", "--batch-size", "16"]
        guard let first = try ExampleProcess.run("regression-csv", ["--epochs", "2", "--logdir", "split"] + tiny, in: directory.url) else { return }
        #expect(first.status == 0, "stderr: \(first.stderr)")
        let split = directory.url.appendingPathComponent("split")
        #expect(first.stdout.hasSuffix("trained 2 epochs; see \(split.path)\n"))
        #expect(FileManager.default.fileExists(atPath: split.appendingPathComponent("data.csv").path))
        let stats = try ExampleProcess.stats(split)
        #expect(stats.compactMap { $0["val_mse"] == nil ? nil : $0["global_step"] as? Int } == [3, 6])
        let last = try #require(stats.last)
        for key in ["val_mse", "val_mae", "mse", "fc1/W/norm"] { #expect(last[key] is Double, "stats.json lacks \(key)") }
        let mse = try #require(last["val_mse"] as? Double)
        #expect(mse > 0 && mse.isFinite)
        let best = try Checkpoint.load(contentsOf: split.appendingPathComponent("min-val_mse.safetensors"))
        #expect([3, 6].contains(best.globalStep))
        #expect(Set(best.arrays.map(\.name)).isSuperset(of: ["fc1/W", "fc/b", "optimizer/step", "optimizer/fc/W/m"]))
        let hyper = try String(contentsOf: split.appendingPathComponent("hyper.txt"), encoding: .utf8)
        #expect(hyper.split(separator: "\n").contains("learning_rate:0.01"))

        // Continued to 7 epochs, the run equals one of 7 epochs in one go: the schedule's epochs do not depend on --epochs.
        let second = try #require(try ExampleProcess.run("regression-csv", ["--epochs", "7", "--logdir", "split"] + tiny, in: directory.url))
        #expect(second.status == 0, "stderr: \(second.stderr)")
        #expect(second.stdout.hasSuffix("trained 7 epochs (resumed from model-6.safetensors); see \(split.path)\n"))
        let whole = try #require(try ExampleProcess.run("regression-csv", ["--epochs", "7", "--logdir", "whole"] + tiny, in: directory.url))
        #expect(whole.status == 0, "stderr: \(whole.stderr)")
        let wholeStats = try ExampleProcess.stats(directory.url.appendingPathComponent("whole"))
        #expect(wholeStats.compactMap { $0["val_mse"] == nil ? nil : $0["global_step"] as? Int } == [3, 6, 9, 12, 15, 18, 21])
        // The rate is set to 1e-2 after epoch 1 and to 3e-3 after epoch 6 (so epoch 7 trains with it), whatever --epochs says.
        let rates = wholeStats.filter { $0["learning_rate"] != nil }
        #expect(rates.compactMap { $0["global_step"] as? Int } == [3, 18])
        #expect(rates.compactMap { $0["learning_rate"] as? Double } == [0.01, 0.003])
        try ResumeCheck.expectSameRun(split, directory.url.appendingPathComponent("whole"), checkpoint: "model-21.safetensors",
                                      stats: ["val_mse", "val_mae", "mse", "learning_rate"])
    }

    @Test func readsAGivenCSVAndRejectsATooNarrowOne() throws {
        let directory = try TemporaryDirectory()
        let rows = (0..<40).map { "\(Double($0) / 40),\(Double($0 % 7) / 7),\(Double($0) / 20 - 0.5)" }
        _ = try directory.write("a,b,target\n" + rows.joined(separator: "\n") + "\n", to: "mine.csv")
        guard let result = try ExampleProcess.run("regression-csv", ["mine.csv", "--epochs", "1", "--batch-size", "8", "--logdir", "mine"],
                                                  in: directory.url) else { return }
        #expect(result.status == 0, "stderr: \(result.stderr)")
        // 32 training rows / batch 8 = 4 steps.
        #expect(try ExampleProcess.stats(directory.url.appendingPathComponent("mine")).last?["global_step"] as? Int == 4)
        // A file of the wrong shape is a runtime error (status 1), not a usage error: the command line was fine.
        _ = try directory.write("y\n1\n2\n", to: "narrow.csv")
        let narrow = try #require(try ExampleProcess.run("regression-csv", ["narrow.csv", "--logdir", "narrow"], in: directory.url))
        #expect(narrow.status == 1)
        #expect(narrow.stderr == "Error: narrow.csv: the number of columns is 1, expected 2 or more (the features, then the target)\n")
        #expect(!FileManager.default.fileExists(atPath: directory.url.appendingPathComponent("narrow").path))
    }

    /// Every Swift block of docs/TrainYourOwnModel.md is code of the example's files (or of the
    /// GAN test backend), so the page compiles.
    @Test func theGuidesCodeIsCompiledCode() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let page = try String(contentsOf: root.appendingPathComponent("docs/TrainYourOwnModel.md"), encoding: .utf8)
        let exampleDirectory = root.appendingPathComponent("Examples/regression-csv")
        let files = try FileManager.default.contentsOfDirectory(atPath: exampleDirectory.path).filter { $0.hasSuffix(".swift") }.sorted()
        #expect(files == ["RegressionCSV.swift", "Rows.swift"])
        let example = try files.map { try String(contentsOf: exampleDirectory.appendingPathComponent($0), encoding: .utf8) }.joined(separator: "\n")
        let gan = try String(contentsOf: root.appendingPathComponent("Tests/LoomEngineTests/Support/TinyGAN.swift"), encoding: .utf8)
        func flat(_ text: String) -> String {
            text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: "\n")
        }
        let blocks = page.components(separatedBy: "```swift\n").dropFirst().compactMap { $0.components(separatedBy: "\n```").first }
        #expect(blocks.count == 9)
        for block in blocks {
            #expect(flat(example).contains(flat(block)) || flat(gan).contains(flat(block)), "not compiled code:\n\(block)")
        }
    }
}
