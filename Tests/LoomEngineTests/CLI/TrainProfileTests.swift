import Foundation
import LoomTestSupport
import Testing

/// `loom train --profile-steps`: the Chrome trace holds, inside each profiled step, the
/// engine's per-layer forward, backward and optimizer spans.
@Suite struct TrainProfileTests {
    private struct Event {
        var name: String
        var category: String
        var start: Double
        var end: Double
        var thread: Int
    }

    private static let layers = ["conv1", "pool1", "relu1", "conv2", "pool2", "relu2", "flatten", "fc1", "relu3", "fc"]

    @Test func theTraceOfALeNetRunHasPerLayerSpansInEachProfiledStep() throws {
        let directory = try TemporaryDirectory()
        let arguments = ["train", "--model", "lenet", "--epochs", "1", "--steps-per-epoch", "8", "--profile-steps", "3-5",
                         "--image-size", "8", "--train-size", "160", "--val-size", "50", "--batch-size", "16", "--threads", "1",
                         "--logdir", "run"]
        guard let result = try LoomProcess.run(arguments, in: directory.url) else { return }
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let url = directory.url.appendingPathComponent("run/trace-3-5.json")
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any]
        let raw = try #require(object?["traceEvents"] as? [[String: Any]])
        let events = raw.compactMap { event -> Event? in
            guard let name = event["name"] as? String, let category = event["cat"] as? String, let ts = event["ts"] as? Double,
                  let dur = event["dur"] as? Double, let tid = event["tid"] as? Int, event["ph"] as? String == "X" else { return nil }
            return Event(name: name, category: category, start: ts, end: ts + dur, thread: tid)
        }
        #expect(events.count == raw.count)
        #expect(events.allSatisfy { $0.end >= $0.start })
        let steps = events.filter { $0.category == "step" && $0.thread == 0 }
        #expect(steps.map(\.name) == ["step 3", "step 4", "step 5"])
        let backendSteps = events.filter { $0.name == "runStep" && $0.thread == 1 }
        #expect(backendSteps.count == 3)
        // The backend's times come from its own clock, aligned at beginProfiling: allow 0.1 ms.
        let slack = 100.0
        let expected = ["batch", "cost", "forward", "loss", "backward", "loss/backward", "optimizer"]
            + Self.layers.flatMap { ["\($0)/forward", "\($0)/backward"] } + ["conv1", "conv2", "fc1", "fc"].map { "optimizer/\($0)" }
        for (step, backendStep) in zip(steps, backendSteps) {
            #expect(step.start - slack <= backendStep.start && backendStep.end <= step.end + slack, "\(step.name)")
            let inside = events.filter { $0.thread == 1 && $0.start >= backendStep.start && $0.end <= backendStep.end }
            #expect(Set(inside.map(\.name)) == Set(expected + ["runStep"]), "\(step.name): \(inside.map(\.name))")
            #expect(inside.count == expected.count + 1, "\(step.name): \(inside.map(\.name))")
        }
        #expect(events.filter { $0.thread == 1 }.count == 3 * (expected.count + 1))

        guard let python = ReferencePython.interpreter(needing: ["json"]) else { return }
        let check = "import json, sys\nd = json.load(open(sys.argv[1]))\nprint(len(d['traceEvents']), "
            + "sorted({e['name'] for e in d['traceEvents'] if e['tid'] == 1 and e['name'].endswith('/backward')}))"
        let read = try ReferencePython.run(python: python, script: check, arguments: [url.path])
        #expect(read.status == 0, "\(read.error)")
        let backward = (["loss"] + Self.layers).map { "'\($0)/backward'" }.sorted().joined(separator: ", ")
        #expect(read.output == "\(raw.count) [\(backward)]\n")
    }
}
