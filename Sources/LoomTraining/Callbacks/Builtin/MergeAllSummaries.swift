/// Asks the backend for its summaries (weight histograms, extra scalars) with the last
/// step of each epoch, and also every `period` steps when `(localStep + 1) % period == 0`,
/// and puts them into the monitors (tensorpack `MergeAllSummaries`, a default).
public final class MergeAllSummaries: Callback {
    private let period: Int
    private var context: TrainerContext?
    private var requested = false

    /// Creates the callback; `period` 0 means only at each epoch's last step.
    public init(period: Int = 0) {
        precondition(period >= 0, "MergeAllSummaries: period must be 0 or positive")
        self.period = period
    }

    public var chiefOnly: Bool { false }
    public var stepEvents: StepEvents { [.beforeStep, .afterStep] }
    /// The backend's summary names (scalar ones become stats).
    public var producedStats: [String] { context?.backend.summaryNames ?? [] }

    public func setUp(_ context: TrainerContext) throws { self.context = context }

    public func beforeStep(_ request: inout StepRequest) throws {
        guard let loop = context?.loop else { return }
        requested = loop.isLastStepOfEpoch || (period > 0 && (loop.localStep + 1) % period == 0)
        if requested { request.summaries = true }
    }

    public func afterStep(_ outputs: StepOutputs) throws {
        guard requested, let monitors = context?.monitors else { return }
        requested = false
        for summary in outputs.summaries { try monitors.put(summary) }
    }
}
