import Foundation

/// Profiles a few steps: the time of every event of each step (each callback's
/// `beforeStep`, `afterStep`, `triggerStep`, the backend's `runStep`, the whole step)
/// and, when the backend is a ``ProfilingBackend``, its own operation timings. Writes a
/// Chrome trace (open it in `chrome://tracing` or ui.perfetto.dev) to
/// `<logdir>/trace-<firstStep>-<lastStep>.json`, atomically, after the last profiled
/// step (or in `afterTrain` if training ends first).
///
/// Steps are global steps, 1-based: `StepProfiler(steps: 101...103)` times the steps
/// that finish as global steps 101, 102 and 103. Times come from the environment's
/// clock, in microseconds from the first profiled step. The training loop's events use
/// thread id 0; backend events use `1 + threadID`. The trainer times events only for
/// the steps asked for (``EventTimingObserver``); do not wrap the profiler in another
/// callback, or the trainer cannot find it.
public final class StepProfiler: EventTimingObserver {
    /// The global steps profiled.
    public let steps: ClosedRange<Int>
    private var context: TrainerContext?
    private var origin: Double?
    private var backendOrigin = 0.0
    private var events: [ChromeTrace.Event] = []
    private var recorded: (first: Int, last: Int)?
    private var isFinished = false
    private let pid = Int(ProcessInfo.processInfo.processIdentifier)

    /// Profiles the global steps in `steps` (1-based, inclusive).
    public init(steps: ClosedRange<Int>) { self.steps = steps }

    /// Profiles the global steps in `steps` (1-based; not empty).
    public convenience init(steps: Range<Int>) {
        precondition(!steps.isEmpty, "StepProfiler: the range of steps is empty")
        self.init(steps: steps.lowerBound...(steps.upperBound - 1))
    }

    public var chiefOnly: Bool { false }
    public var stepEvents: StepEvents { [] }

    /// Where the trace of global steps `first...last` goes.
    public static func traceURL(first: Int, last: Int, logDirectory: URL) -> URL {
        logDirectory.appendingPathComponent("trace-\(first)-\(last).json")
    }

    public func setUp(_ context: TrainerContext) throws {
        guard steps.lowerBound >= 1 else {
            throw OperationsError.invalidArgument(callback: "StepProfiler", message: "steps are 1-based global steps; got \(steps)")
        }
        guard context.logDirectory != nil else { throw OperationsError.needsLogDirectory(callback: "StepProfiler") }
        self.context = context
    }

    public func wantsTiming(ofStep globalStep: Int) -> Bool {
        guard !isFinished, steps.contains(globalStep), let context else { return false }
        if origin == nil {
            origin = context.environment.clock.now()
            if let backend = context.backend as? any ProfilingBackend {
                backend.beginProfiling()
                // Read after the call, so that the backend's one-time set-up (allocating its
                // recorder, a clock's first use) does not shift its events early.
                backendOrigin = context.environment.clock.now()
            }
        }
        return true
    }

    public func recordTiming(event: String, callback: String?, start: Double, end: Double) {
        let name = callback.map { "\($0).\(event)" } ?? "backend.\(event)"
        append(name: name, category: callback == nil ? "backend" : "callback", start: start, end: end)
    }

    public func timedStepFinished(globalStep: Int, start: Double, end: Double) {
        append(name: "step \(globalStep)", category: "step", start: start, end: end)
        recorded = (recorded?.first ?? globalStep, globalStep)
        if globalStep >= steps.upperBound { finish() }
    }

    public func afterTrain() throws { finish() }

    private func append(name: String, category: String, start: Double, end: Double) {
        let base = origin ?? start
        events.append(ChromeTrace.Event(name: name, cat: category, ts: (start - base) * 1e6, dur: (end - start) * 1e6, pid: pid, tid: 0))
    }

    private func finish() {
        guard !isFinished, let context, let recorded, let origin, let directory = context.logDirectory else { return }
        isFinished = true
        if let backend = context.backend as? any ProfilingBackend {
            let shift = (backendOrigin - origin) * 1e6
            for event in backend.endProfiling() {
                events.append(ChromeTrace.Event(name: event.name, cat: event.category, ts: event.startMicroseconds + shift,
                                                dur: event.durationMicroseconds, pid: pid, tid: 1 + event.threadID))
            }
        }
        let url = Self.traceURL(first: recorded.first, last: recorded.last, logDirectory: directory)
        do {
            try AtomicFile.write(try ChromeTrace(traceEvents: events).encoded(), to: url)
            context.logger.info("StepProfiler: wrote the trace of global steps \(recorded.first)-\(recorded.last) to \(url.path)")
        } catch {
            context.logger.warning("StepProfiler: cannot write \(url.path): \(error)")
        }
        events = []
    }
}
