import LoomTraining

/// The operation timings of the general backend the classifier runs on
/// (``ModelBackend`` `+Profiling`: per-layer forward, backward and optimizer spans).
extension ClassifierBackend: ProfilingBackend {
    public func beginProfiling() { backend.beginProfiling() }

    public func endProfiling() -> [TraceEvent] { backend.endProfiling() }
}
