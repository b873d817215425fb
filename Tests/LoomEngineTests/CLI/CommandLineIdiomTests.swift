import Foundation
import LoomTraining
import Testing
import LoomTestSupport

/// `loom` in swift-argument-parser's idiom: choices listed by `--help`, offered by shell
/// completion, `--version`.
@Suite struct CommandLineIdiomTests {
    @Test func versionPrintsLoomVersion() throws {
        let directory = try TemporaryDirectory()
        guard let result = try LoomProcess.run(["--version"], in: directory.url) else { return }
        #expect(result.status == 0)
        #expect(result.stdout == LoomVersion.string + "\n")
        #expect(result.stderr == "")
    }

    @Test func trainHelpListsEveryChoice() throws {
        let directory = try TemporaryDirectory()
        guard let result = try LoomProcess.run(["train", "--help"], in: directory.url) else { return }
        #expect(result.status == 0)
        let help = result.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        for choices in ["(values: mlp, lenet, cnn, resnet20; default: mlp)", "(values: synthetic, mnist:DIR, cifar10:DIR, csv:FILE; default: synthetic)",
                        "(values: adam, sgd; default: adam)", "(values: keep, delete, backup, refuse; default: backup)"] {
            #expect(help.contains(choices), "train --help lacks \(choices)")
        }
    }

    @Test func bashCompletionOffersTheChoices() throws {
        let directory = try TemporaryDirectory()
        guard let result = try LoomProcess.run(["--generate-completion-script", "bash"], in: directory.url) else { return }
        #expect(result.status == 0)
        // Each choice list is one `-W` word list: 'mlp'$'\n''lenet'…
        for words in [["mlp", "lenet", "cnn", "resnet20"], ["synthetic", "mnist:", "cifar10:", "csv:"], ["adam", "sgd"],
                      ["keep", "delete", "backup", "refuse"]] {
            let list = words.map { "'\($0)'" }.joined(separator: "$'\\n'")
            #expect(result.stdout.contains(list), "the bash completion script lacks \(list)")
        }
    }
}
