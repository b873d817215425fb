import Logging

/// The trainer's logger and its `log.log` handler: the logger multiplexes the terminal
/// handler (``TerminalLog``) and a ``LogFileHandler`` that the trainer opens once the log
/// directory exists. Built from handler instances, never from global state (unless the
/// run asks for ``TerminalLog/loggingSystem``).
struct TrainerLog {
    /// The label of the trainer's logger.
    static let label = "loom"

    /// The logger handed to callbacks.
    let logger: Logger
    /// The `log.log` handler inside ``logger``.
    let file: LogFileHandler

    init(environment: TrainingEnvironment, level: Logger.Level, terminal: TerminalLog) {
        let file = LogFileHandler(clock: environment.clock, timeZone: environment.timeZone, logLevel: level)
        let primary: any LogHandler
        switch terminal {
        case .outputSink:
            primary = OutputSinkLogHandler(output: environment.output, clock: environment.clock,
                                           timeZone: environment.timeZone, logLevel: level)
        case .loggingSystem:
            primary = Logger(label: Self.label).handler
        case .handler(let handler):
            primary = handler
        }
        var logger = Logger(label: Self.label) { _ in MultiplexLogHandler([primary, file]) }
        logger.logLevel = level
        self.logger = logger
        self.file = file
    }
}
