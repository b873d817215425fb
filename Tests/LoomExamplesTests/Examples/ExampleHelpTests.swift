import Foundation
import LoomTestSupport
import Testing

/// The examples parse their command lines with swift-argument-parser: `--help` lists every
/// option the tests and docs use, and bad values stop the run with a usage error (status 64).
@Suite struct ExampleHelpTests {
    static let options: [(example: String, listed: [String])] = [
        ("mnist-mlp", ["<data-directory>", "--epochs", "--steps-per-epoch", "--batch-size", "--logdir", "--train-size", "--val-size"]),
        ("seed-resnet20-cifar10", ["<data-directory>", "--epochs", "--steps-per-epoch", "--batch-size", "--logdir", "--train-size", "--val-size"]),
        ("custom-callback", ["--epochs", "--steps-per-epoch", "--batch-size", "--every", "--logdir"]),
        ("distributed-mlp", ["<epochs>"]),
        ("regression-csv", ["<csv-file>", "--epochs", "--steps-per-epoch", "--batch-size", "--logdir"]),
    ]

    @Test(arguments: options.map(\.example))
    func helpListsTheOptions(example: String) throws {
        let directory = try TemporaryDirectory()
        guard let result = try ExampleProcess.run(example, ["--help"], in: directory.url) else { return }
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout.hasPrefix("OVERVIEW: "))
        #expect(result.stdout.contains("USAGE: \(example) "))
        let listed = try #require(Self.options.first { $0.example == example }).listed
        for option in listed { #expect(result.stdout.contains("\n  \(option) "), "--help of \(example) does not list \(option)") }
    }

    @Test func badValuesAreUsageErrors() throws {
        let directory = try TemporaryDirectory()
        _ = try directory.write("x,y\n1,2\n", to: "a.csv")  // an existing CSV, so that the second one is what is refused
        let cases: [(example: String, arguments: [String], message: String)] = [
            ("custom-callback", ["--every", "0"], "Error: --every needs a positive integer, got 0"),
            ("mnist-mlp", ["data", "--val-size=0"], "Error: --val-size needs a positive integer, got 0"),
            ("seed-resnet20-cifar10", ["data", "--epochs", "0"], "Error: --epochs needs a positive integer, got 0"),
            ("distributed-mlp", ["0"], "Error: <epochs> needs a positive integer, got 0"),
            ("mnist-mlp", [], "Error: Missing expected argument '<data-directory>'"),
            ("regression-csv", ["--batch-size", "0"], "Error: --batch-size needs a positive integer, got 0"),
            ("regression-csv", ["missing.csv"], "Error: there is no file at missing.csv; pass an existing CSV file, or none for synthetic data"),
            ("regression-csv", ["a.csv", "b.csv"], "Error: Unexpected argument 'b.csv'"),
        ]
        for (example, arguments, message) in cases {
            guard let result = try ExampleProcess.run(example, arguments, in: directory.url) else { return }
            #expect(result.status == 64, "\(example) \(arguments): stderr \(result.stderr)")
            #expect(result.stderr.hasPrefix(message), "\(example) \(arguments): stderr \(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: directory.url.appendingPathComponent("train_log").path))
        }
    }
}
