/// A monitor that runs a shell command once every named stat has arrived since its last
/// firing, with those values, then starts collecting again (tensorpack
/// `SendMonitorData`). Placeholders, formatting, the background child process, the
/// timeout and the final wait are as in ``SendStat``.
public final class SendMonitorData: Monitor {
    private let notifier: StatNotifier
    private var arrived: [String: Double] = [:]
    private let wanted: Set<String>

    /// Creates the monitor.
    /// - Parameters:
    ///   - command: a shell command with `{stat-name}` placeholders.
    ///   - stats: the stats to wait for; every placeholder must be one of them.
    ///   - timeout: seconds before a command is killed (default 30).
    ///   - finalWait: seconds `afterTrain` waits for running commands (default 30).
    public init(command: String, stats: [Stat], timeout: Double = 30, finalWait: Double = 30) {
        notifier = StatNotifier(owner: "SendMonitorData", command: command, stats: stats.map(\.name), timeout: timeout, finalWait: finalWait)
        wanted = Set(stats.map(\.name))
    }

    public var stepEvents: StepEvents { [] }
    public var consumedStats: [String] { notifier.stats }

    public func setUp(_ context: TrainerContext) throws { try notifier.setUp(context) }

    public func process(scalar value: Double, name: String, globalStep: Int) throws {
        guard wanted.contains(name) else { return }
        arrived[name] = value
        if arrived.count == wanted.count {
            notifier.send(arrived)
            arrived.removeAll(keepingCapacity: true)
        }
    }

    public func triggerEpoch() throws { notifier.logFinished() }

    public func afterTrain() throws { notifier.finish() }
}
