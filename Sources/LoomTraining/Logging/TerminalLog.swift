import Logging

/// Which swift-log handler prints the trainer's log lines; `<logdir>/log.log` gets Loom's
/// lines (``LogFileHandler``) whichever is chosen.
///
/// ```swift
/// LoggingSystem.bootstrap { label in StreamLogHandler.standardError(label: label) }
/// var config = TrainConfig(backend: backend, stepsPerEpoch: 100, terminalLog: .loggingSystem)
/// ```
public enum TerminalLog: Sendable {
    /// Loom's lines (`[0412 10:11:12] WRN message`) on the environment's output sink (the default).
    case outputSink
    /// The handler that `LoggingSystem.bootstrap` installed (made for the label `loom`).
    case loggingSystem
    /// The given handler.
    case handler(any LogHandler)
}
