import LoomEngine
import LoomTraining

/// Loom's operation timings for ``LoomTraining/StepProfiler`` on every rank: the local
/// replica's per-layer forward spans (`conv1/forward`), the per-layer pullback spans
/// (`conv1/backward`) and the per-layer update spans (`optimizer/conv1`), as
/// ``LoomEngine/ModelBackend`` records them.
extension DataParallelClassifierBackend: ProfilingBackend {
    /// Attaches a new trace recorder to the local replica.
    public func beginProfiling() { parallel.classifier.model.beginTracing() }

    /// Detaches it and returns the spans recorded since ``beginProfiling()``.
    public func endProfiling() -> [TraceEvent] { parallel.classifier.model.endTracing() }
}
