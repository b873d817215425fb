import LoomData
import LoomNN
import LoomTensor
import LoomTraining

/// Loom's own operation timings for ``LoomTraining/StepProfiler``: while profiling, the
/// model's context carries a ``LoomNN/TraceRecorder`` and every step records, on the
/// backend's thread, nested spans:
///
/// ```
/// runStep                       step
///   batch                       data
///   cost                        cost      (the cost function)
///     forward                   forward   (each model call)
///       conv1/forward …         layer.forward
///     loss                      loss      (the rest of the cost function)
///   backward                    backward
///     loss/backward, fc/backward, …, conv1/backward   layer.backward
///   optimizer                   optimizer
///     optimizer/conv1 …         layer.optimizer
/// ```
///
/// Layer names are the layers' state paths; a layer's backward span is the time spent in
/// the pullbacks of the ops recorded during its forward pass (consecutive pullbacks of one
/// layer form one span). A custom step gets the spans of what it calls
/// (``computeCost(_:_:)``, ``update(_:)``).
extension ModelBackend: ProfilingBackend {
    /// Attaches a new trace recorder to the model (``LoomNN/Model/beginTracing()``).
    public func beginProfiling() { model.beginTracing() }

    /// Detaches it and returns the spans recorded since ``beginProfiling()``.
    public func endProfiling() -> [TraceEvent] { model.endTracing() }

    /// Runs `body` in a span named `name` (category `name`) while profiling.
    func profiled<R>(_ name: String, _ body: () throws -> R) rethrows -> R {
        guard let recorder = model.context.traceRecorder else { return try body() }
        return try recorder.span(name, category: name, body)
    }

    /// The cost function in a `cost` span, its ops outside the model labelled `loss`, and
    /// a `loss` span from the end of the model's last forward pass to the end.
    func profiledCost(_ batch: Batch, _ context: CostContext, _ recorder: TraceRecorder) throws -> ModelOutputs {
        try recorder.span("cost", category: "cost") {
            recorder.lastForwardEnd = nil
            let outputs = try Tensor.withRecordingScope("loss") { try costFunction(model, batch, context) }
            if let forwardEnd = recorder.lastForwardEnd { recorder.record("loss", category: "loss", start: forwardEnd, end: recorder.now()) }
            return outputs
        }
    }
}
