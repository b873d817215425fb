/// Logs the estimated time left after each epoch (tensorpack `EstimatedTimeLeft`):
/// (maxEpoch − epochNumber) × the median (or mean) of the last `lastEpochs` epochs'
/// wall times, callback time included.
public final class EstimatedTimeLeft: Callback {
    private let lastEpochs: Int
    private let usesMedian: Bool
    private var context: TrainerContext?
    private var times: [Double] = []
    private var lastTime = 0.0

    /// Creates the callback.
    public init(lastEpochs: Int = 5, median: Bool = true) {
        precondition(lastEpochs > 0, "EstimatedTimeLeft: lastEpochs must be positive")
        self.lastEpochs = lastEpochs
        usesMedian = median
    }

    public var chiefOnly: Bool { false }
    public var stepEvents: StepEvents { [] }

    public func setUp(_ context: TrainerContext) throws { self.context = context }

    public func beforeTrain() throws { lastTime = context?.environment.clock.now() ?? 0 }

    public func triggerEpoch() throws {
        guard let context else { return }
        let now = context.environment.clock.now()
        times.append(now - lastTime)
        lastTime = now
        if times.count > lastEpochs { times.removeFirst(times.count - lastEpochs) }
        let sorted = times.sorted()
        let epochTime = usesMedian
            ? (sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2)
            : sorted.reduce(0, +) / Double(sorted.count)
        let left = Double(context.loop.maxEpoch - context.loop.epochNumber) * epochTime
        if left > 0 { context.logger.info("Estimated Time Left: \(Formatting.humanDuration(left))") }
    }
}
