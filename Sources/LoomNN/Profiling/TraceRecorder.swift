import LoomTensor

/// Records nested timed spans of a model's work while a step is profiled: attach one to a
/// model (``ForwardContext/traceRecorder``) and every named layer's forward pass becomes a
/// span named after its state path (`conv1/forward`, `block1/conv1/forward`), and the ops
/// it records are labelled with that path, so a ``Tensor/backward(seed:observer:)`` given
/// the recorder times their pullbacks per layer (`conv1/backward`); an optimizer given it
/// times its update per layer (`optimizer/conv1`).
///
/// Spans are kept in the order they start (a parent before its children), with times in
/// microseconds since the recorder was created. Without a recorder attached the model pays
/// one branch per layer call: no clock reading, no allocation.
public final class TraceRecorder: BackwardObserver {
    /// The spans recorded so far, in the order they started.
    public private(set) var spans: [TraceSpan] = []
    /// When the last ``Model`` forward pass ended (microseconds), nil before any.
    public var lastForwardEnd: Double?
    private let origin = ContinuousClock.now
    /// The open spans of the current run of scopes (outermost first), by scope path.
    private var openRuns: [(path: String, span: Int)] = []
    private var runPath: String?

    /// Creates a recorder; its times count from now.
    public init() {}

    /// Microseconds since the recorder was created.
    public func now() -> Double {
        let elapsed = origin.duration(to: .now).components
        return Double(elapsed.seconds) * 1e6 + Double(elapsed.attoseconds) * 1e-12
    }

    /// Opens a span now.
    /// - Parameters:
    ///   - name: The span's name.
    ///   - category: Its category.
    /// - Returns: The token to pass to ``end(_:)``.
    public func begin(_ name: String, category: String) -> Int {
        spans.append(TraceSpan(name: name, category: category, startMicroseconds: now(), durationMicroseconds: -1))
        return spans.count - 1
    }

    /// Closes the span `token` now.
    /// - Parameter token: What ``begin(_:category:)`` returned.
    public func end(_ token: Int) { close(token, at: now()) }

    /// Runs `body` inside a span.
    /// - Parameters:
    ///   - name: The span's name.
    ///   - category: Its category.
    ///   - body: The work to time.
    /// - Returns: What `body` returns.
    public func span<R>(_ name: String, category: String, _ body: () throws -> R) rethrows -> R {
        let token = begin(name, category: category)
        defer { end(token) }
        return try body()
    }

    /// Adds a span that was measured outside the recorder.
    /// - Parameters:
    ///   - name: The span's name.
    ///   - category: Its category.
    ///   - start: Its start (``now()`` readings).
    ///   - end: Its end.
    public func record(_ name: String, category: String, start: Double, end: Double) {
        spans.append(TraceSpan(name: name, category: category, startMicroseconds: start, durationMicroseconds: end - start))
    }

    /// The parameter `name` (e.g. `conv1/W`) is about to be updated: consecutive
    /// parameters of one layer share an `optimizer/<layer>` span (nested by path).
    /// - Parameter name: The parameter's full name.
    public func parameterWillUpdate(_ name: String) {
        let layer = name.lastIndex(of: "/").map { String(name[..<$0]) }
        enterRun(layer, category: "layer.optimizer") { "optimizer/" + $0 }
    }

    /// Closes the spans of the current run of scopes (after a backward pass or an update).
    public func closeRuns() {
        guard !openRuns.isEmpty else { return }
        let time = now()
        for run in openRuns.reversed() { close(run.span, at: time) }
        openRuns.removeAll(keepingCapacity: true)
        runPath = nil
    }

    /// Closes every span still open (work that ended early, e.g. by an error) now.
    public func closeOpenSpans() {
        let time = now()
        for index in spans.indices where spans[index].durationMicroseconds < 0 { close(index, at: time) }
        openRuns.removeAll(keepingCapacity: true)
        runPath = nil
    }

    /// Extends or moves the run of `<scope>/backward` spans (nested by path).
    public func pullbackWillRun(scope: String?) {
        enterRun(scope, category: "layer.backward") { $0 + "/backward" }
    }

    /// Closes the backward spans still open.
    public func backwardDidFinish() { closeRuns() }

    /// Moves the run of scope spans to `path`: spans of the scopes the new path leaves
    /// close, spans of the scopes it enters open (`a/b` opens `a` then `a/b`), and
    /// consecutive calls with one path extend its spans.
    private func enterRun(_ path: String?, category: String, name: (String) -> String) {
        guard path != runPath else { return }
        runPath = path
        let time = now()
        var prefixes: [String] = []
        for component in path?.split(separator: "/") ?? [] {
            prefixes.append(prefixes.last.map { $0 + "/" + component } ?? String(component))
        }
        var kept = 0
        while kept < openRuns.count, kept < prefixes.count, openRuns[kept].path == prefixes[kept] { kept += 1 }
        for run in openRuns[kept...].reversed() { close(run.span, at: time) }
        openRuns.removeLast(openRuns.count - kept)
        for prefix in prefixes[kept...] {
            spans.append(TraceSpan(name: name(prefix), category: category, startMicroseconds: time, durationMicroseconds: -1))
            openRuns.append((prefix, spans.count - 1))
        }
    }

    private func close(_ token: Int, at time: Double) {
        guard spans.indices.contains(token) else { return }
        spans[token].durationMicroseconds = max(0, time - spans[token].startMicroseconds)
    }
}
