import Foundation
import LoomTraining
import Testing
import LoomTestSupport

/// Every callback one flag away: `--early-stop`, `--time-limit`, `--profile-steps`,
/// `--track-host`, `--summary-every`, `--send-stat`, `--no`, `--list-callbacks`.
@Suite struct TrainCallbackOptionsTests {
    @Test func listCallbacksPrintsTheRunsListAndTrainsNothing() throws {
        let directory = try TemporaryDirectory()
        let options = ["--list-callbacks", "--no", "progress-bar", "--no", "json", "--no", "inject-shell", "--track-host",
                       "--early-stop", "val-error-top1:2", "--time-limit", "1h30m", "--profile-steps", "2-3"]
        guard let result = try LoomProcess.run(["train", "--logdir", "run"] + LoomProcess.tiny + options, in: directory.url) else { return }
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let everyone = "TerminateOnNaN, ModelSaver, InferenceRunner, MinSaver(val-error-top1), ScheduledHyperParamSetter(learning_rate), "
            + "HumanHyperParamSetter(learning_rate), SendStat, GPUUtilizationTracker, AttachConsole, EarlyStopping, TimeLimit, StepProfiler, "
            + "HostResourceTracker, MovingAverageSummary, MergeAllSummaries, RunUpdateOps, TFEventWriter, ScalarPrinter"
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "setUp, beforeTrain: \(everyone)")
        #expect(lines.contains("    beforeStep: TerminateOnNaN, MergeAllSummaries, RunUpdateOps"))
        #expect(lines.last == "afterTrain: \(everyone)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.url.path).isEmpty, "--list-callbacks wrote files")
    }

    @Test func optionsAddTuneAndRemoveCallbacks() throws {
        let directory = try TemporaryDirectory()
        let options = ["--profile-steps", "2-3", "--track-host", "--summary-every", "2", "--no", "tensorboard",
                       "--send-stat", "echo {val-error-top1} >> sent.txt", "--time-limit", "1h"]
        guard let result = try LoomProcess.run(["train", "--epochs", "2", "--logdir", "run"] + LoomProcess.tiny + options,
                                               in: directory.url) else { return }
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let run = directory.url.appendingPathComponent("run")
        let files = try FileManager.default.contentsOfDirectory(atPath: run.path)
        #expect(files.contains("trace-2-3.json"))
        #expect(!files.contains { $0.hasPrefix("events.out.tfevents.") }, "--no tensorboard left an event file")
        let stats = try JSONSerialization.jsonObject(with: Data(contentsOf: run.appendingPathComponent("stats.json"))) as? [[String: Any]]
        #expect(stats?.last?["HostMemory/rss(MB)"] is Double)
        // --summary-every 2 with 5 steps per epoch: summaries at steps 2, 4, 5 (epoch end), 7, 9, 10.
        #expect(stats?.compactMap { $0["fc1/W/norm"] == nil ? nil : $0["global_step"] as? Int } == [2, 4, 5, 7, 9, 10])
        let sent = try String(contentsOf: directory.url.appendingPathComponent("sent.txt"), encoding: .utf8)
        #expect(sent.split(separator: "\n").count == 2)
        #expect(result.stdout.contains(" --threads 1 --time-limit 1h --profile-steps 2-3 --track-host --summary-every 2 "
            + "--send-stat 'echo {val-error-top1} >> sent.txt' --no tensorboard\n"), "\(result.stdout)")
    }

    @Test func badCallbackOptionsAreOneLineAndExitCode2() throws {
        let directory = try TemporaryDirectory()
        let cases: [([String], String)] = [
            (["--no", "bogus"], "loom train: error: The value 'bogus' is invalid for '--no <callback>'. Please provide one of the following: "
                + "nan-guard, min-saver, schedule, human-hyper, send-stat, gpu-tracker, inject-shell, attach, moving-average, progress-bar, "
                + "merge-summaries, tensorboard, json, scalar-printer (see loom train --help)\n"),
            (["--time-limit", "5x"], "loom train: error: The value '5x' is invalid for '--time-limit <duration>': "
                + "'5x' is not a duration; write e.g. 90s, 15m, 2h or 1h30m"),
            (["--time-limit", "30m1h"], "loom train: error: The value '30m1h' is invalid for '--time-limit <duration>'"),
            (["--profile-steps", "3-1"], "loom train: error: The value '3-1' is invalid for '--profile-steps <A-B>': "
                + "'3-1' is not a step range; write FIRST-LAST with 1 ≤ FIRST ≤ LAST, e.g. 10-20"),
            (["--profile-steps", "a-b"], "loom train: error: The value 'a-b' is invalid for '--profile-steps <A-B>'"),
            (["--early-stop", "val-error-top1:0"], "loom train: error: The value 'val-error-top1:0' is invalid for '--early-stop"),
            (["--summary-every", "0"], "loom train: error: --summary-every must be at least 1, got 0"),
            (["--send-stat", "echo {cost"], "loom train: error: --send-stat 'echo {cost' has an unclosed '{' or a lone '}'"),
        ]
        for (arguments, prefix) in cases {
            guard let result = try LoomProcess.run(["train"] + arguments, in: directory.url) else { return }
            #expect(result.status == 2, "\(arguments)")
            #expect(result.stdout == "")
            #expect(result.stderr.hasPrefix(prefix), "\(result.stderr)")
            #expect(result.stderr.filter { $0 == "\n" }.count == 1, "\(result.stderr)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.url.path).isEmpty)
    }

    @Test func earlyStopOnAStatNobodyProducesIsAUsageError() throws {
        let directory = try TemporaryDirectory()
        guard let result = try LoomProcess.run(["train", "--epochs", "1", "--logdir", "run", "--early-stop", "val-eror-top1"] + LoomProcess.tiny,
                                               in: directory.url) else { return }
        #expect(result.status == 2)
        let last = result.stderr.split(separator: "\n").last.map(String.init) ?? ""
        #expect(last.hasPrefix("loom train: error: EarlyStopping reads the stat 'val-eror-top1', which no callback or backend produces."), "\(last)")
        #expect(last.contains("val-error-top1"))
    }
}
