/// One timed piece of a model's work recorded by a ``TraceRecorder``: a layer's forward
/// pass (`conv1/forward`), the pullbacks of its ops (`conv1/backward`), an optimizer
/// update (`optimizer/conv1`), or a step phase chosen by the engine (`batch`, `backward`).
public struct TraceSpan: Sendable, Equatable {
    /// The span's name, e.g. `conv1/forward`.
    public var name: String
    /// Its category, e.g. `layer.forward`.
    public var category: String
    /// Start, in microseconds since the recorder was created.
    public var startMicroseconds: Double
    /// Duration in microseconds (-1 while the span is still open).
    public var durationMicroseconds: Double

    /// Creates a span.
    public init(name: String, category: String, startMicroseconds: Double, durationMicroseconds: Double) {
        self.name = name
        self.category = category
        self.startMicroseconds = startMicroseconds
        self.durationMicroseconds = durationMicroseconds
    }
}
