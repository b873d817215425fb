/// Runs a shell command with the latest values of some stats on each trigger (every
/// epoch by default; wrap it in ``PeriodicTrigger`` for another period), e.g. to send a
/// notification: `SendStat(command: "notify-send 'val-error {val-error}'", stats: ["val-error"])`.
///
/// `{name}` placeholders are replaced by the stat's latest value, formatted `%.6g`
/// (`nan`, `inf` as plain words): only numbers reach the shell. `{{`/`}}` are literal
/// braces. The command runs through `/bin/sh -c` with the environment's variables, in a
/// child process on a background queue: training never waits for it. After `timeout`
/// seconds it is killed (SIGTERM, then SIGKILL); a non-zero exit or a timeout is logged
/// with the tail of its standard error, and training goes on. Commands run one after
/// another, in order. At the end of training it waits up to `finalWait` seconds for
/// commands still running, so the last notification is not lost.
///
/// A trigger before every stat has a value sends nothing (logged once).
public final class SendStat: Callback {
    private let notifier: StatNotifier
    private var context: TrainerContext?
    private var warnedMissing = false

    /// Creates the callback.
    /// - Parameters:
    ///   - command: a shell command with `{stat-name}` placeholders.
    ///   - stats: the stats it reads; every placeholder must be one of them (checked at
    ///     setup, with the list in the error), and each must be produced by a callback.
    ///   - timeout: seconds before a command is killed (default 30).
    ///   - finalWait: seconds `afterTrain` waits for running commands (default 30).
    public init(command: String, stats: [Stat], timeout: Double = 30, finalWait: Double = 30) {
        notifier = StatNotifier(owner: "SendStat", command: command, stats: stats.map(\.name), timeout: timeout, finalWait: finalWait)
    }

    public var stepEvents: StepEvents { [] }
    public var consumedStats: [String] { notifier.stats }

    public func setUp(_ context: TrainerContext) throws {
        try notifier.setUp(context)
        self.context = context
    }

    public func beforeEpoch() throws { notifier.logFinished() }

    public func trigger() throws {
        guard let context else { return }
        var values: [String: Double] = [:]
        var missing: [String] = []
        for stat in notifier.stats {
            if let value = context.monitors.latest(stat) { values[stat] = value } else { missing.append(stat) }
        }
        if !missing.isEmpty {
            if !warnedMissing {
                context.logger.warning("SendStat: no value yet for \(missing.joined(separator: ", ")); the command is not run until every stat has one")
                warnedMissing = true
            }
            notifier.logFinished()
            return
        }
        notifier.send(values)
    }

    public func afterTrain() throws { notifier.finish() }
}
