import Foundation
import Testing
@testable import LoomTraining
import LoomTestSupport

/// A backend for the operations tests: each step's outputs come from `outputs(globalStep)`
/// (default: `loss` = 1/g, `logits` = [g, -g]); it has `learning_rate` and `momentum`,
/// and a settable state.
class OperationsBackend: TrainingBackend {
    var outputs: (Int) -> [String: StepValue] = { step in
        ["loss": .scalar(1 / Double(step)), "logits": .array(shape: [2], values: [Float(step), -Float(step)])]
    }
    var names: Set<String> = ["loss", "logits"]
    var hyperparameters: [String: Double] = ["learning_rate": 0.1, "momentum": 0.9]
    var state: [NamedArray] = [NamedArray(name: "dense/W", shape: [2, 2], values: [3, 4, 0, 0]),
                               NamedArray(name: "dense/b", shape: [2], values: [-1, 2])]
    var clock: ManualClock?
    var secondsPerStep = 0.0
    var stepAction: ((Int) -> Void)?
    private(set) var steps = 0
    private(set) var fetched: [[String]] = []

    var outputNames: Set<String> { names }
    var movingAverageNames: [String] { [] }
    var hyperparameterNames: [String] { hyperparameters.keys.sorted() }

    func runStep(_ request: StepRequest) throws -> StepOutputs {
        steps += 1
        fetched.append(request.fetches)
        clock?.advance(by: secondsPerStep)
        stepAction?(steps)
        let all = outputs(steps)
        var result = StepOutputs()
        for name in request.fetches { result.values[name] = all[name] }
        return result
    }

    func hyperparameter(_ name: String) throws -> Double { hyperparameters[name] ?? .nan }
    func setHyperparameter(_ name: String, to value: Double) throws { hyperparameters[name] = value }
    func exportState() throws -> [NamedArray] { state }
    func importState(_ arrays: [NamedArray]) throws { state = arrays }
}

/// Hands the console one scripted line per read (then end of input), recording prompts.
final class ScriptedLineReader: LineReader {
    private var lines: [String]
    private(set) var prompts: [String] = []
    init(_ lines: [String]) { self.lines = lines }
    func readLine(prompt: String) -> String? {
        prompts.append(prompt)
        return lines.isEmpty ? nil : lines.removeFirst()
    }
}

/// Writes an executable shell script `name` into `directory`.
@discardableResult
func writeScript(_ body: String, named name: String, in directory: URL) throws -> URL {
    let url = directory.appendingPathComponent(name)
    try Data(("#!/bin/sh\n" + body + "\n").utf8).write(to: url)
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
    return url
}

/// The Python of `LOOM_PYTHON` when it can import numpy; otherwise `nil`, after recording
/// an issue when `CI` is set (there the reader check must run).
func numpyPython() -> String? {
    ReferencePython.interpreter(needing: ["numpy"])
}

/// Polls `condition` every 10 ms for up to `seconds`.
func eventually(within seconds: Double, _ condition: () -> Bool) -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if condition() { return true }
        usleep(10_000)
    }
    return condition()
}

/// Puts stats at each trigger: `values(epoch)` gives the stats of that epoch (a missing
/// name is not put). Declares `names` as produced.
final class StatPutter: Callback {
    let names: [String]
    let values: (Int) -> [String: Double]
    private var context: TrainerContext?
    init(_ names: [String], values: @escaping (Int) -> [String: Double]) {
        self.names = names
        self.values = values
    }
    var chiefOnly: Bool { false }
    var stepEvents: StepEvents { [] }
    var producedStats: [String] { names }
    func setUp(_ context: TrainerContext) throws { self.context = context }
    func trigger() throws {
        guard let context else { return }
        for (name, value) in values(context.loop.epochNumber).sorted(by: { $0.key < $1.key }) {
            try context.monitors.put(scalar: value, name: name)
        }
    }
}
