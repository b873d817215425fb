import Foundation
import Logging
@testable import LoomTraining
import LoomTestSupport
import Testing

/// Loom's swift-log handlers: the line format, `log.log`, and a run's own terminal handler.
@Suite struct LogHandlerTests {
    private let utc = TimeZone(identifier: "UTC") ?? .current

    @Test func outputSinkHandlerWritesLoomLines() {
        let output = MemoryOutputSink()
        let clock = ManualClock(wallTime: 1_700_000_000)
        var logger = Logger(label: "test") { _ in OutputSinkLogHandler(output: output, clock: clock, timeZone: utc) }
        logger.logLevel = .trace
        logger.info("plain")
        logger.notice("notice")
        logger.warning("two\nlines")
        logger.error("bad")
        logger.critical("worse")
        clock.advance(by: 61)
        logger.debug("detail")
        logger.trace("finer")
        #expect(output.lines == [
            "[1114 22:13:20] plain", "[1114 22:13:20] notice", "[1114 22:13:20] WRN two", "[1114 22:13:20] WRN lines",
            "[1114 22:13:20] ERR bad", "[1114 22:13:20] ERR worse", "[1114 22:14:21] DBG detail", "[1114 22:14:21] DBG finer",
        ])
    }

    @Test func handlerLevelDropsLowerLines() {
        let output = MemoryOutputSink()
        let logger = Logger(label: "test") { _ in
            OutputSinkLogHandler(output: output, clock: ManualClock(wallTime: 0), timeZone: utc, logLevel: .warning)
        }
        logger.info("dropped")
        logger.warning("kept")
        #expect(output.lines == ["[0101 00:00:00] WRN kept"])
    }

    @Test func fileHandlerAppendsOnlyWhileOpenAndCopiesShareTheFile() throws {
        let directory = try TemporaryDirectory()
        let url = directory.url.appendingPathComponent("log.log")
        let handler = LogFileHandler(clock: ManualClock(wallTime: 1_700_000_000), timeZone: utc)
        let logger = Logger(label: "test") { _ in handler }
        logger.info("before open")
        try handler.open(url)
        logger.warning("written")
        handler.close()
        logger.info("after close")
        #expect(try String(contentsOf: url, encoding: .utf8) == "[1114 22:13:20] WRN written\n")
        #expect(throws: FileWriteError.self) { try handler.open(directory.url.appendingPathComponent("missing/log.log")) }
    }

    @Test func aRunsOwnHandlerPrintsAndLogFileStillGetsLoomLines() throws {
        let harness = try Harness()
        let captured = CapturingLogHandler()
        var config = harness.config(FakeBackend(), stepsPerEpoch: 1, maxEpoch: 1, logLocation: .automatic)
        config.terminalLog = .handler(captured)
        let trainer = Trainer(config)
        _ = try trainer.train()
        let dir = try #require(trainer.logDirectory)
        let log = try String(contentsOf: dir.appendingPathComponent("log.log"), encoding: .utf8)
        #expect(harness.output.text.isEmpty)
        #expect(captured.messages.first == "Log directory: \(dir.path)")
        #expect(captured.messages.contains("Epoch 1 (global_step 1) finished, time: 0 seconds."))
        #expect(log.hasPrefix("[1114 22:13:20] Log directory: \(dir.path)\n"))
        // One line per message line (the end-of-run callback profile is a multi-line message).
        #expect(log.split(separator: "\n").count == captured.messages.map { $0.split(separator: "\n").count }.reduce(0, +))
    }

    @Test func defaultRunPrintsTheSameLinesItWritesToTheLogFile() throws {
        let harness = try Harness()
        let trainer = Trainer(harness.config(FakeBackend(), stepsPerEpoch: 1, maxEpoch: 1, logLocation: .automatic))
        _ = try trainer.train()
        let dir = try #require(trainer.logDirectory)
        let log = try String(contentsOf: dir.appendingPathComponent("log.log"), encoding: .utf8)
        #expect(!log.isEmpty)
        #expect(harness.output.text.hasSuffix(log))
    }
}

/// Records every message it is given (a user's own handler).
private struct CapturingLogHandler: LogHandler {
    private final class Box: @unchecked Sendable {
        let lock = NSLock()
        var messages: [String] = []
    }

    private let box = Box()
    var logLevel: Logger.Level = .trace
    var metadata: Logger.Metadata = [:]

    var messages: [String] {
        box.lock.lock()
        defer { box.lock.unlock() }
        return box.messages
    }

    func log(event: LogEvent) {
        box.lock.lock()
        defer { box.lock.unlock() }
        box.messages.append("\(event.message)")
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }
}
