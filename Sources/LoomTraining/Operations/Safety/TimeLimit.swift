/// Stops training cleanly (``StopTraining``) at the first step boundary after a time
/// limit, measured with the environment's monotonic clock, and logs why.
///
/// The training time used is state saved with checkpoints (``StatefulCallback``): a
/// resumed run counts the time of the runs before it, so the limit bounds the whole
/// training, not each process. (Time spent between a crash and the resume does not
/// count; nor does time after the last checkpoint of the interrupted run.)
public final class TimeLimit: StatefulCallback {
    /// The limit, in seconds.
    public let seconds: Double
    private var previous = 0.0
    private var start: Double?
    private var context: TrainerContext?

    /// Creates the callback.
    /// - Parameter seconds: the training time allowed (positive).
    public init(seconds: Double) { self.seconds = seconds }

    public var chiefOnly: Bool { false }
    public var stepEvents: StepEvents { .triggerStep }
    public var stateKey: String { "TimeLimit" }

    /// Seconds of training so far, including resumed runs.
    public var elapsed: Double {
        guard let context, let start else { return previous }
        return previous + context.environment.clock.now() - start
    }

    public func setUp(_ context: TrainerContext) throws {
        guard seconds > 0, seconds.isFinite else {
            throw OperationsError.invalidArgument(callback: stateKey, message: "the limit must be a positive number of seconds, got \(seconds)")
        }
        self.context = context
    }

    public func beforeTrain() throws {
        start = context?.environment.clock.now()
        try check()
    }

    public func triggerStep() throws { try check() }

    private func check() throws {
        guard let context else { return }
        let used = elapsed
        guard used >= seconds else { return }
        let reason = "the time limit of \(Formatting.humanDuration(seconds)) was reached (\(Formatting.humanDuration(used)) of training)"
        context.logger.info("TimeLimit: \(reason) at global_step \(context.loop.globalStep)")
        throw StopTraining(reason)
    }

    public func exportState() throws -> StateValue { .object(["elapsed": .double(elapsed)]) }

    public func importState(_ state: StateValue) throws {
        previous = try state.field("elapsed", of: stateKey) { $0.doubleValue }
    }
}
