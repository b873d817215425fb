import Foundation
@testable import LoomTraining
import LoomTestSupport

/// A deterministic environment: manual clock, memory output, a temporary root.
final class Harness {
    let clock = ManualClock(now: 100, wallTime: 1_700_000_000)
    let output: MemoryOutputSink
    let directory: TemporaryDirectory

    init(terminal: Bool = false, columns: Int = 80) throws {
        output = MemoryOutputSink(isTerminal: terminal, columns: columns)
        directory = try TemporaryDirectory()
    }

    var root: URL { directory.url }

    func environment(variables: [String: String] = [:]) -> TrainingEnvironment {
        TrainingEnvironment(clock: clock, output: output, root: directory.url, variables: variables,
                            timeZone: TimeZone(identifier: "UTC") ?? .current, handlesInterrupts: false)
    }

    func config(_ backend: any TrainingBackend, callbacks: [any Callback] = [], extra: [any Callback] = [],
                monitors: [any Monitor] = [], stepsPerEpoch: Int = 3, maxEpoch: Int = 2, startEpoch: Int = 1,
                logLocation: LogLocation = .none, action: LogDirectoryAction = .refuse,
                variables: [String: String] = [:]) -> TrainConfig {
        TrainConfig(backend: backend, callbacks: callbacks, extraCallbacks: extra, monitors: monitors,
                    stepsPerEpoch: stepsPerEpoch, startEpoch: startEpoch, maxEpoch: maxEpoch, name: "test",
                    logLocation: logLocation, logDirectoryAction: action, environment: environment(variables: variables))
    }

    /// Output lines without the `[MMdd HH:mm:ss] ` stamp, and without the callback profile
    /// logged at the end of every run (``profileMessages``; CallbackProfileTests check it).
    var messages: [String] { splitMessages().others }

    /// The lines of the callback profiles logged at the end of runs, without the stamp.
    var profileMessages: [String] { splitMessages().profile }

    private func splitMessages() -> (others: [String], profile: [String]) {
        var others: [String] = []
        var profile: [String] = []
        var inProfile = false
        for line in output.lines {
            var message = line
            if line.hasPrefix("["), let end = line.firstIndex(of: "]") { message = String(line[line.index(end, offsetBy: 2)...]) }
            if message == "Callback profile, seconds (calls):" { inProfile = true }
            if inProfile { profile.append(message) } else { others.append(message) }
            if inProfile, message.hasPrefix("outside the ") { inProfile = false }
        }
        return (others, profile)
    }
}
