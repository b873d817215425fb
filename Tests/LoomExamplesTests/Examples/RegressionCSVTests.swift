import Foundation
import LoomTraining
import Testing
import LoomTestSupport

/// Runs `Examples/regression-csv` (docs/TrainYourOwnModel.md) for a few steps and checks
/// that the page's code is the example's.
@Suite struct RegressionCSVTests {
    @Test func trainsOnAGeneratedCSVKeepsTheBestValidationMSEAndResumes() throws {
        let directory = try TemporaryDirectory()
        let tiny = ["--steps-per-epoch", "3", "--batch-size", "16", "--logdir", "run"]
        guard let first = try ExampleProcess.run("regression-csv", ["--epochs", "2"] + tiny, in: directory.url) else { return }
        #expect(first.status == 0, "stderr: \(first.stderr)")
        let run = directory.url.appendingPathComponent("run")
        #expect(first.stdout.hasSuffix("trained 2 epochs; see \(run.path)\n"))
        #expect(FileManager.default.fileExists(atPath: run.appendingPathComponent("data.csv").path))
        let stats = try ExampleProcess.stats(run)
        #expect(stats.compactMap { $0["val_mse"] == nil ? nil : $0["global_step"] as? Int } == [3, 6])
        let last = try #require(stats.last)
        for key in ["val_mse", "val_mae", "mse", "fc1/W/norm"] { #expect(last[key] is Double, "stats.json lacks \(key)") }
        let mse = try #require(last["val_mse"] as? Double)
        #expect(mse > 0 && mse.isFinite)
        let best = try Checkpoint.load(contentsOf: run.appendingPathComponent("min-val_mse.safetensors"))
        #expect([3, 6].contains(best.globalStep))
        #expect(Set(best.arrays.map(\.name)).isSuperset(of: ["fc1/W", "fc/b", "optimizer/step", "optimizer/fc/W/m"]))
        let hyper = try String(contentsOf: run.appendingPathComponent("hyper.txt"), encoding: .utf8)
        #expect(hyper.split(separator: "\n").contains("learning_rate:0.01"))

        let second = try #require(try ExampleProcess.run("regression-csv", ["--epochs", "3"] + tiny, in: directory.url))
        #expect(second.status == 0, "stderr: \(second.stderr)")
        #expect(second.stdout.hasSuffix("trained 3 epochs (resumed from model-6.safetensors); see \(run.path)\n"))
        #expect(try ExampleProcess.stats(run).compactMap { $0["val_mse"] == nil ? nil : $0["global_step"] as? Int } == [3, 6, 9])
    }

    @Test func readsAGivenCSVAndRejectsATooNarrowOne() throws {
        let directory = try TemporaryDirectory()
        let rows = (0..<40).map { "\(Double($0) / 40),\(Double($0 % 7) / 7),\(Double($0) / 20 - 0.5)" }
        try ("a,b,target\n" + rows.joined(separator: "\n") + "\n").write(to: directory.url.appendingPathComponent("mine.csv"),
                                                                         atomically: true, encoding: .utf8)
        guard let result = try ExampleProcess.run("regression-csv", ["mine.csv", "--epochs", "1", "--batch-size", "8", "--logdir", "mine"],
                                                  in: directory.url) else { return }
        #expect(result.status == 0, "stderr: \(result.stderr)")
        // 32 training rows / batch 8 = 4 steps.
        #expect(try ExampleProcess.stats(directory.url.appendingPathComponent("mine")).last?["global_step"] as? Int == 4)
        try "y\n1\n2\n".write(to: directory.url.appendingPathComponent("narrow.csv"), atomically: true, encoding: .utf8)
        let narrow = try #require(try ExampleProcess.run("regression-csv", ["narrow.csv", "--logdir", "narrow"], in: directory.url))
        #expect(narrow.status == 2)
        #expect(narrow.stderr.contains("narrow.csv needs 2 or more columns"))
    }

    /// Every Swift block of docs/TrainYourOwnModel.md is code of the example (or of the
    /// GAN test backend), so the page compiles.
    @Test func theGuidesCodeIsCompiledCode() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let page = try String(contentsOf: root.appendingPathComponent("docs/TrainYourOwnModel.md"), encoding: .utf8)
        let example = try String(contentsOf: root.appendingPathComponent("Examples/regression-csv/main.swift"), encoding: .utf8)
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
