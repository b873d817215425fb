import Foundation
import Testing
@testable import LoomTraining

/// A backend that reports two op timings per profiled step.
final class ProfiledOperationsBackend: OperationsBackend, ProfilingBackend {
    private(set) var profiling = false
    private var recorded: [TraceEvent] = []
    override func runStep(_ request: StepRequest) throws -> StepOutputs {
        if profiling {
            recorded.append(TraceEvent(name: "matmul", category: "op", startMicroseconds: Double(recorded.count) * 10, durationMicroseconds: 7, threadID: 2))
        }
        return try super.runStep(request)
    }
    func beginProfiling() { profiling = true }
    func endProfiling() -> [TraceEvent] {
        profiling = false
        return recorded
    }
}

@Suite struct StepProfilerTests {
    private struct Trace: Decodable {
        struct Event: Decodable, Equatable {
            var name: String
            var cat: String
            var ph: String
            var ts: Double
            var dur: Double
            var pid: Int
            var tid: Int
        }
        var traceEvents: [Event]
    }

    @Test func writesAChromeTraceOfTheRequestedSteps() throws {
        let harness = try Harness()
        let backend = ProfiledOperationsBackend()
        backend.clock = harness.clock
        backend.secondsPerStep = 0.25
        let nan = TerminateOnNaN()
        let profiler = StepProfiler(steps: 2..<4)
        let trainer = Trainer(harness.config(backend, callbacks: [nan, profiler], logLocation: .at("log")))
        _ = try trainer.train()
        let url = StepProfiler.traceURL(first: 2, last: 3, logDirectory: harness.root.appendingPathComponent("log"))
        let trace = try JSONDecoder().decode(Trace.self, from: Data(contentsOf: url))
        let pid = Int(ProcessInfo.processInfo.processIdentifier)
        func event(_ name: String, _ cat: String, _ ts: Double, _ dur: Double, tid: Int = 0) -> Trace.Event {
            Trace.Event(name: name, cat: cat, ph: "X", ts: ts, dur: dur, pid: pid, tid: tid)
        }
        #expect(trace.traceEvents == [
            event("TerminateOnNaN.beforeStep", "callback", 0, 0),
            event("backend.runStep", "backend", 0, 250_000),
            event("TerminateOnNaN.afterStep", "callback", 250_000, 0),
            event("step 2", "step", 0, 250_000),
            event("TerminateOnNaN.beforeStep", "callback", 250_000, 0),
            event("backend.runStep", "backend", 250_000, 250_000),
            event("TerminateOnNaN.afterStep", "callback", 500_000, 0),
            event("step 3", "step", 250_000, 250_000),
            event("matmul", "op", 0, 7, tid: 3),
            event("matmul", "op", 10, 7, tid: 3),
        ])
        #expect(backend.fetched.count == 6)
        #expect(harness.messages.contains("StepProfiler: wrote the trace of global steps 2-3 to \(url.path)"))
        let raw = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any]
        #expect((raw?["traceEvents"] as? [Any])?.count == 10)
    }

    @Test func aRunEndingEarlyStillWritesWhatItRecorded() throws {
        let harness = try Harness()
        let profiler = StepProfiler(steps: 5...100)
        _ = try Trainer(harness.config(OperationsBackend(), callbacks: [profiler], logLocation: .at("log"))).train()
        let url = StepProfiler.traceURL(first: 5, last: 6, logDirectory: harness.root.appendingPathComponent("log"))
        let trace = try JSONDecoder().decode(Trace.self, from: Data(contentsOf: url))
        #expect(trace.traceEvents.map(\.name) == ["backend.runStep", "step 5", "backend.runStep", "step 6"])
    }
}
