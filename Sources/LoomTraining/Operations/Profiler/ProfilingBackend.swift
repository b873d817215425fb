/// One timed operation reported by a ``ProfilingBackend`` (an op or a layer).
public struct TraceEvent: Sendable, Equatable {
    /// The operation's name, e.g. `conv1/forward`.
    public var name: String
    /// A category, e.g. `op`, `layer`, `gemm`.
    public var category: String
    /// Start, in microseconds since the backend's ``ProfilingBackend/beginProfiling()``.
    public var startMicroseconds: Double
    /// Duration in microseconds.
    public var durationMicroseconds: Double
    /// The thread that ran it (0 for the backend's calling thread).
    public var threadID: Int

    /// Creates an event.
    public init(name: String, category: String, startMicroseconds: Double, durationMicroseconds: Double, threadID: Int = 0) {
        self.name = name
        self.category = category
        self.startMicroseconds = startMicroseconds
        self.durationMicroseconds = durationMicroseconds
        self.threadID = threadID
    }
}

/// A backend that can time its own operations for ``StepProfiler``.
public protocol ProfilingBackend: TrainingBackend {
    /// Starts recording operation timings (times are relative to this call).
    func beginProfiling()
    /// Stops recording and returns what was recorded since ``beginProfiling()``.
    func endProfiling() -> [TraceEvent]
}
