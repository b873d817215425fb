import Foundation
import LoomTestSupport
import LoomTraining
import Testing

/// Runs `Examples/char-lm` for a few steps on a small text.
@Suite struct CharLMTests {
    let tiny = ["--steps-per-epoch", "2", "--batch-size", "4", "--length", "12", "--hidden", "16", "--sample-length", "20"]
    let text = String(repeating: "the cat sat on the mat. a dog ran to the log.\n", count: 12)

    @Test func reportsValPerplexitySamplesTextKeepsTheVocabularyAndResumesExactly() throws {
        let directory = try TemporaryDirectory()
        _ = try directory.write(text, to: "text.txt")
        guard let first = try ExampleProcess.run("char-lm", ["text.txt", "--epochs", "1", "--logdir", "split"] + tiny, in: directory.url) else { return }
        #expect(first.status == 0, "stderr: \(first.stderr)")
        // 552 characters, 16 distinct: 496 train / 56 validation characters → 41 and 4 windows of 12.
        #expect(first.stdout.contains("text: 552 characters, 16 distinct; 41 training and 4 validation windows of 12\n"))
        #expect(first.stdout.contains("baseline: the unigram model of the training text has validation perplexity "))
        let split = directory.url.appendingPathComponent("split")
        let vocabulary = try String(contentsOf: split.appendingPathComponent("vocabulary.json"), encoding: .utf8)
        #expect(vocabulary == #"{"characters":["\n"," ",".","a","c","d","e","g","h","l","m","n","o","r","s","t"],"format":"loom-character-vocabulary"}"#)
        let second = try #require(try ExampleProcess.run("char-lm", ["text.txt", "--epochs", "2", "--logdir", "split"] + tiny, in: directory.url))
        #expect(second.status == 0, "stderr: \(second.stderr)")
        #expect(second.stdout.hasSuffix("trained 2 epochs (resumed from model-2.safetensors); see \(split.path)\n"))
        let whole = try #require(try ExampleProcess.run("char-lm", ["text.txt", "--epochs", "2", "--logdir", "whole"] + tiny, in: directory.url))
        #expect(whole.status == 0, "stderr: \(whole.stderr)")
        let run = directory.url.appendingPathComponent("whole")
        let stats = try ExampleProcess.stats(run)
        #expect(stats.compactMap { $0["val_perplexity"] == nil ? nil : $0["global_step"] as? Int } == [2, 4])
        // The perplexity is exp of the weighted mean cross-entropy of the same pass.
        for entry in stats where entry["val_perplexity"] != nil {
            let perplexity = try #require(entry["val_perplexity"] as? Double), xent = try #require(entry["val_xent"] as? Double)
            #expect(abs(perplexity - exp(xent)) <= 1e-9 * perplexity)
            #expect(perplexity > 1 && perplexity < 40)
        }
        #expect(try Checkpoint.load(contentsOf: run.appendingPathComponent("min-val_perplexity.safetensors")).arrays.contains { $0.name == "lstm/recurrent/W" })
        // One sampled line per epoch, in the log and as TensorBoard text.
        let log = try String(contentsOf: run.appendingPathComponent("log.log"), encoding: .utf8)
        #expect(log.components(separatedBy: "sample: \"t").count == 3)
        #expect(ExampleProcess.count(of: "sample", in: try ExampleProcess.eventFileBytes(run)) >= 2)
        try ResumeCheck.expectSameRun(split, run, checkpoint: "model-4.safetensors", stats: ["val_perplexity", "val_xent", "xent"])

        // Another text in the same log directory is refused: its ids would not match the weights.
        _ = try directory.write("something else entirely, with other letters\n", to: "other.txt")
        let other = try #require(try ExampleProcess.run("char-lm", ["other.txt", "--epochs", "3", "--logdir", "whole"] + tiny, in: directory.url))
        #expect(other.status != 0)
        #expect(other.stderr.contains("is not the vocabulary of this text"))
    }
}
