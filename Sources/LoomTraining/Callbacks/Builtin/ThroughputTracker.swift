/// Measures training speed per epoch, between `beforeEpoch` and `afterEpoch` (tensorpack
/// `ThroughputTracker`), and puts `Throughput (steps/sec)` and, when `samplesPerStep` is
/// given, `Throughput (samples/sec)` on trigger (every epoch by default).
public final class ThroughputTracker: Callback {
    /// The stat name of steps per second.
    public static let stepsStat = "Throughput (steps/sec)"
    /// The stat name of samples per second.
    public static let samplesStat = "Throughput (samples/sec)"
    private let samplesPerStep: Int?
    private var context: TrainerContext?
    private var startTime = 0.0
    private var startStep = 0
    private var stepsPerSecond: Double?

    /// Creates the tracker; `samplesPerStep` (the batch size) enables samples/s.
    public init(samplesPerStep: Int? = nil) { self.samplesPerStep = samplesPerStep }

    public var chiefOnly: Bool { false }
    public var stepEvents: StepEvents { [] }
    public var producedStats: [String] { samplesPerStep == nil ? [Self.stepsStat] : [Self.stepsStat, Self.samplesStat] }

    public func setUp(_ context: TrainerContext) throws { self.context = context }

    public func beforeEpoch() throws {
        guard let context else { return }
        startTime = context.environment.clock.now()
        startStep = context.loop.globalStep
    }

    public func afterEpoch() throws {
        guard let context else { return }
        let seconds = context.environment.clock.now() - startTime
        let steps = context.loop.globalStep - startStep
        stepsPerSecond = seconds > 0 ? Double(steps) / seconds : nil
    }

    public func trigger() throws {
        guard let context, let stepsPerSecond else { return }
        try context.monitors.put(scalar: stepsPerSecond, name: Self.stepsStat)
        if let samplesPerStep { try context.monitors.put(scalar: stepsPerSecond * Double(samplesPerStep), name: Self.samplesStat) }
    }
}
