import ArgumentParser
import Foundation
import LoomTraining

/// `loom-bench callbacks`: the trainer's dispatch cost per callback per step, with a
/// backend whose step does nothing (docs/Architecture.md section 6). Times are the measuring
/// thread's CPU time (medians of `--repeats` runs), so other processes on a busy
/// machine inflate them less than wall-clock time would.
struct CallbacksBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "callbacks",
        abstract: "Dispatch cost of callbacks per step (ns) with a do-nothing backend, and the default list's cost.")
    @OptionGroup var options: BenchOptions

    @Option(help: "Steps per measured run (scaled down for 100 callbacks).")
    var steps = 200_000

    func run() throws {
        var report = BenchReport(area: "callbacks")
        let baseline = try measure(callbacks: { [] }, steps: steps)
        report.add("0 callbacks", [("ns/step", .number(baseline, digits: 1))])
        for count in [1, 10, 100] {
            let runSteps = count >= 100 ? steps / 10 : steps
            let perStep = try measure(callbacks: { (0..<count).map { _ in FullCallback() } }, steps: runSteps)
            report.add("\(count) implementing every per-step event", [
                ("ns/step", .number(perStep, digits: 1)),
                ("ns/callback/step", .number((perStep - baseline) / Double(count), digits: 2)),
            ])
        }
        let profiled = try measure(callbacks: { (0..<10).map { _ in FullCallback() } }, steps: steps, profiles: true)
        report.add("10 implementing every per-step event, profilesCallbacks on", [
            ("ns/step", .number(profiled, digits: 1)),
            ("ns/callback/step", .number((profiled - baseline) / 10, digits: 2)),
        ])
        let idle = try measure(callbacks: { (0..<100).map { _ in IdleCallback() } }, steps: steps)
        report.add("100 implementing no per-step event", [
            ("ns/step", .number(idle, digits: 1)),
            ("ns/callback/step", .number((idle - baseline) / 100, digits: 3)),
        ])
        let lossBaseline = try measure(callbacks: { [] }, steps: steps, loss: true)
        let defaults = try measureDefaults(steps: steps)
        report.add("default callbacks + monitors", [
            ("ns/step", .number(defaults, digits: 1)),
            ("ns over bare loop", .number(defaults - lossBaseline, digits: 1)),
        ])
        let attach = try measureInLogDirectory(steps: steps) {
            TrainConfig(backend: NullBackend(loss: false), callbacks: [AttachConsole()], extraCallbacks: [], monitors: [],
                        stepsPerEpoch: steps, maxEpoch: 1, logLocation: .automatic, logDirectoryAction: .delete, environment: $0)
        }
        report.add("AttachConsole listening, no client attached", [
            ("ns/step", .number(attach, digits: 1)),
            ("ns over bare loop", .number(attach - baseline, digits: 1)),
        ])
        report.emit(json: options.json)
    }

    /// Median nanoseconds per step over `options.repeats` runs.
    private func measure(callbacks: () -> [any Callback], steps: Int, loss: Bool = false, profiles: Bool = false) throws -> Double {
        var samples: [Double] = []
        for _ in 0..<max(1, options.repeats) {
            var config = TrainConfig(
                backend: NullBackend(loss: loss), callbacks: callbacks(), extraCallbacks: [], monitors: [],
                stepsPerEpoch: steps, maxEpoch: 1, logLocation: .none, environment: quietEnvironment())
            config.profilesCallbacks = profiles
            let trainer = Trainer(config)
            let seconds = try threadCPUSeconds { _ = try trainer.train() }
            samples.append(seconds * 1e9 / Double(steps))
        }
        return median(samples)
    }

    /// The default callback and monitor lists (progress bar to /dev/null, files in a temporary directory).
    private func measureDefaults(steps: Int) throws -> Double {
        try measureInLogDirectory(steps: steps) {
            TrainConfig(backend: NullBackend(loss: true), stepsPerEpoch: steps, maxEpoch: 1,
                        logLocation: .automatic, logDirectoryAction: .delete, environment: $0)
        }
    }

    /// Median nanoseconds per step of the run `config` makes for an environment whose
    /// output is /dev/null and whose files go to a temporary directory.
    private func measureInLogDirectory(steps: Int, _ config: (TrainingEnvironment) -> TrainConfig) throws -> Double {
        var samples: [Double] = []
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("loom-bench-\(getpid())")
        defer { try? FileManager.default.removeItem(at: root) }
        let devNull = open("/dev/null", O_WRONLY)
        defer { close(devNull) }
        for _ in 0..<max(1, options.repeats) {
            var environment = quietEnvironment()
            environment.root = root
            environment.output = StandardOutputSink(descriptor: devNull, environment: [:])
            let trainer = Trainer(config(environment))
            let seconds = try threadCPUSeconds { _ = try trainer.train() }
            samples.append(seconds * 1e9 / Double(steps))
        }
        return median(samples)
    }

    private func quietEnvironment() -> TrainingEnvironment {
        TrainingEnvironment(clock: SystemClock(), output: NullOutputSink(),
                            root: FileManager.default.temporaryDirectory, handlesInterrupts: false)
    }
}

/// A backend whose step does nothing (optionally returning a constant `loss`).
private final class NullBackend: TrainingBackend {
    let loss: Bool
    init(loss: Bool) { self.loss = loss }
    var outputNames: Set<String> { loss ? ["loss"] : [] }
    var movingAverageNames: [String] { loss ? ["loss"] : [] }
    func runStep(_ request: StepRequest) throws -> StepOutputs {
        guard loss, !request.fetches.isEmpty else { return .empty }
        return StepOutputs(values: ["loss": .scalar(0.5)])
    }
    func hyperparameter(_ name: String) throws -> Double { 0 }
    func setHyperparameter(_ name: String, to value: Double) throws {}
    func exportState() throws -> [NamedArray] { [] }
    func importState(_ arrays: [NamedArray]) throws {}
}

/// Implements every per-step event with a trivial side effect.
private final class FullCallback: Callback {
    var count = 0
    var chiefOnly: Bool { false }
    func beforeStep(_ request: inout StepRequest) throws { count &+= 1 }
    func afterStep(_ outputs: StepOutputs) throws { count &+= outputs.values.count }
    func triggerStep() throws { count &+= 1 }
}

/// Implements no per-step event and says so.
private final class IdleCallback: Callback {
    var chiefOnly: Bool { false }
    var stepEvents: StepEvents { [] }
}

/// CPU seconds this thread spent in `body` (robust to other processes on a busy machine).
private func threadCPUSeconds(_ body: () throws -> Void) rethrows -> Double {
    func now() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }
    let start = now()
    try body()
    return now() - start
}
