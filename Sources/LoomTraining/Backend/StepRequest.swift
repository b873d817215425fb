/// What the callbacks ask of one training step, filled in `beforeStep` and handed to
/// ``TrainingBackend/runStep(_:)``. The trainer reuses one request (capacity kept), so
/// asking costs no allocation in the steady state.
public struct StepRequest: Sendable {
    /// Names of the step outputs to copy out (duplicates allowed; backends ignore them).
    public var fetches: [String] = []
    /// Whether the model's update operations (e.g. batch-norm statistics) run with this
    /// step. Set by ``RunUpdateOps``; without it they do not run.
    public var runUpdateOps = false
    /// Whether the backend should compute its summaries (``TrainingBackend/summaryNames``)
    /// with this step and return them in ``StepOutputs/summaries``.
    public var summaries = false

    /// Creates an empty request.
    public init(fetches: [String] = [], runUpdateOps: Bool = false, summaries: Bool = false) {
        self.fetches = fetches
        self.runUpdateOps = runUpdateOps
        self.summaries = summaries
    }

    /// Asks for the output `name`.
    @inlinable public mutating func fetch(_ name: String) { fetches.append(name) }

    /// Asks for each output in `names`.
    @inlinable public mutating func fetch(_ names: [String]) { fetches.append(contentsOf: names) }

    /// Empties the request, keeping its storage for the next step.
    @inlinable public mutating func reset() {
        if !fetches.isEmpty { fetches.removeAll(keepingCapacity: true) }
        runUpdateOps = false
        summaries = false
    }
}

/// What one step returned: the requested outputs by name and, when asked, summaries.
public struct StepOutputs: Sendable {
    /// The requested outputs, by name.
    public var values: [String: StepValue]
    /// Summaries, present only when ``StepRequest/summaries`` was set.
    public var summaries: [Summary]

    /// Creates step outputs.
    public init(values: [String: StepValue] = [:], summaries: [Summary] = []) {
        self.values = values
        self.summaries = summaries
    }

    /// The output `name`, or `nil` when it was not fetched.
    @inlinable public subscript(name: String) -> StepValue? { values[name] }

    /// The output `name` as a scalar, or `nil` when absent or not a scalar.
    @inlinable public func scalar(_ name: String) -> Double? { values[name]?.scalarValue }

    /// No outputs and no summaries.
    public static let empty = StepOutputs()
}
