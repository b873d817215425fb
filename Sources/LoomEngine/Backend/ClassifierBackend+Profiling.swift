import LoomTraining

/// The operation timings of the general backend the classifier runs on
/// (``ModelBackend`` `+Profiling`: per-layer forward, backward and optimizer spans).
extension ClassifierBackend: ProfilingBackend {
    /// Starts recording spans (``ModelBackend/beginProfiling()``).
    public func beginProfiling() { backend.beginProfiling() }

    /// Stops and returns the spans recorded since ``beginProfiling()``.
    public func endProfiling() -> [TraceEvent] { backend.endProfiling() }
}
