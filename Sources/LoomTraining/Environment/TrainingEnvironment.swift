import Foundation

/// The outside world the trainer touches, passed in so runs are deterministic in tests:
/// clock, output, file-system root, environment variables, time zone, signal handling.
public struct TrainingEnvironment {
    /// Time for durations, rates and timestamps.
    public var clock: any TrainingClock
    /// Where printed output goes (also copied to `<logdir>/log.log`).
    public var output: any OutputSink
    /// The directory relative log directories are resolved against.
    public var root: URL
    /// Environment variables (e.g. `LOOM_PROGRESS_INTERVAL`).
    public var variables: [String: String]
    /// The time zone of timestamps in logs and backup names.
    public var timeZone: TimeZone
    /// Whether ``Trainer/train()`` installs a SIGINT handler (Ctrl-C stops gracefully,
    /// a second Ctrl-C aborts). Off in tests.
    public var handlesInterrupts: Bool

    /// Creates an environment.
    public init(clock: any TrainingClock, output: any OutputSink, root: URL,
                variables: [String: String] = [:], timeZone: TimeZone = TimeZone(identifier: "UTC") ?? .current,
                handlesInterrupts: Bool = false) {
        self.clock = clock
        self.output = output
        self.root = root
        self.variables = variables
        self.timeZone = timeZone
        self.handlesInterrupts = handlesInterrupts
    }

    /// The real world: system clock, standard output, the current directory, the
    /// process environment, the local time zone, Ctrl-C handling on.
    public static func live() -> TrainingEnvironment {
        let variables = ProcessInfo.processInfo.environment
        return TrainingEnvironment(
            clock: SystemClock(), output: StandardOutputSink(environment: variables),
            root: URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true),
            variables: variables, timeZone: .current, handlesInterrupts: true)
    }
}
