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

    /// Output lines without the `[MMdd HH:mm:ss] ` stamp.
    var messages: [String] {
        output.lines.map { line in
            guard line.hasPrefix("["), let end = line.firstIndex(of: "]") else { return line }
            return String(line[line.index(end, offsetBy: 2)...])
        }
    }
}
