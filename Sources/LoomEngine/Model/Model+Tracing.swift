import LoomNN
import LoomTraining

extension Model {
    /// Attaches a new ``LoomNN/TraceRecorder`` to the model's context: from now on its
    /// layers' forward passes are timed and their ops labelled (``ProfilingBackend/beginProfiling()``
    /// of the engine's backends).
    public func beginTracing() { context.traceRecorder = TraceRecorder() }

    /// Detaches the recorder and returns its spans as trace events (on the backend's thread,
    /// microseconds since ``beginTracing()``; spans still open end now); empty when none
    /// was attached.
    /// - Returns: The recorded events, in the order they started.
    public func endTracing() -> [TraceEvent] {
        guard let recorder = context.traceRecorder else { return [] }
        context.traceRecorder = nil
        recorder.closeOpenSpans()
        return recorder.spans.map(TraceEvent.init)
    }
}

extension TraceEvent {
    /// The event of a recorded span (on the backend's thread).
    /// - Parameter span: The span.
    public init(_ span: TraceSpan) {
        self.init(name: span.name, category: span.category, startMicroseconds: span.startMicroseconds,
                  durationMicroseconds: span.durationMicroseconds)
    }
}
