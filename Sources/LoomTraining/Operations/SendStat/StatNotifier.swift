import Foundation

/// The shared engine of ``SendStat`` and ``SendMonitorData``: validates the template,
/// substitutes values, runs the command in the background, and logs failures on the
/// training thread.
final class StatNotifier {
    let owner: String
    let command: String
    let stats: [String]
    let timeout: Double
    let finalWait: Double
    private(set) var template: CommandTemplate?
    private var context: TrainerContext?
    private let runner = CommandRunner(label: "loom.sendstat")

    init(owner: String, command: String, stats: [String], timeout: Double, finalWait: Double) {
        self.owner = owner
        self.command = command
        self.stats = stats
        self.timeout = timeout
        self.finalWait = finalWait
    }

    /// Parses the template and checks that its placeholders are among `stats`.
    func setUp(_ context: TrainerContext) throws {
        guard timeout > 0, finalWait >= 0 else {
            throw OperationsError.invalidArgument(callback: owner, message: "timeout must be positive and finalWait 0 or more (got \(timeout), \(finalWait))")
        }
        let parsed: CommandTemplate
        do { parsed = try CommandTemplate(parsing: command) } catch {
            throw OperationsError.malformedCommand(callback: owner, command: command, reason: error.reason)
        }
        for name in parsed.placeholders where !stats.contains(name) {
            throw OperationsError.unknownPlaceholder(callback: owner, placeholder: name, known: stats)
        }
        template = parsed
        self.context = context
    }

    /// Substitutes `values` and starts the command in the background.
    func send(_ values: [String: Double]) {
        guard let template, let context else { return }
        logFinished()
        guard let text = template.substitute(values) else { return }
        if !runner.launch(text, environment: context.environment.variables, timeout: timeout) {
            context.logger.warning("\(owner): \(runner.capacity) commands are still running; skipped `\(text)`")
        }
    }

    /// Logs the commands that finished since the last call (failures as warnings).
    func logFinished() {
        guard let context else { return }
        for outcome in runner.drain() {
            if outcome.result.succeeded {
                context.logger.debug("\(owner): `\(outcome.command)` succeeded")
                continue
            }
            var message = "\(owner): the command `\(outcome.command)` \(outcome.result.failureSummary(timeout: timeout)); training goes on"
            let tail = outcome.result.standardErrorTail()
            if !tail.isEmpty { message += "\nstderr: " + tail }
            context.logger.warning("\(message)")
        }
    }

    /// Waits (at most `finalWait` seconds) for the commands still running, then logs them.
    func finish() {
        guard let context else { return }
        if !runner.waitForAll(upTo: finalWait) {
            context.logger.warning("\(owner): commands still running after \(Formatting.significant5(finalWait)) s at the end of training; not waiting longer")
        }
        logFinished()
    }
}
