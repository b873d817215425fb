import Foundation
import Testing
@testable import LoomFormats
import LoomTestSupport

@Suite struct TensorBoardEventWriterTests {
    /// Collects the errors passed to the writer's error handler.
    final class ErrorLog: @unchecked Sendable {
        private let lock = NSLock()
        private var stored: [TensorBoardWriterError] = []
        var errors: [TensorBoardWriterError] { lock.withLock { stored } }
        var handler: @Sendable (TensorBoardWriterError) -> Void { { [self] error in lock.withLock { stored.append(error) } } }
    }

    static func scalars(_ url: URL) throws -> [(String, Int64, Float)] {
        try TensorBoardEventReader.values(at: url).compactMap { value in
            guard case let .scalar(number) = value.value else { return nil }
            return (value.tag, value.step, number)
        }
    }

    /// A tiny queue and two producer threads: every value arrives, in each thread's order.
    @Test func fullQueueBlocksAndDropsNothing() async throws {
        let dir = try TemporaryDirectory()
        let writer = try TensorBoardEventWriter(directory: dir.url, maxQueue: 1, hostname: "h", clock: { 5 })
        await withTaskGroup(of: Void.self) { group in
            for tag in ["a", "b"] {
                group.addTask {
                    for step in 0..<3000 { try? writer.putScalar(tag, Double(step), step: step) }
                }
            }
        }
        try writer.close()
        let values = try Self.scalars(try #require(writer.fileURLs.first))
        #expect(values.count == 6000)
        for tag in ["a", "b"] {
            let steps = values.filter { $0.0 == tag }.map(\.1)
            #expect(steps == (0..<3000).map { Int64($0) })
        }
    }

    @Test func flushPutsEverythingOnDiskWithoutClosing() throws {
        let dir = try TemporaryDirectory()
        let writer = try TensorBoardEventWriter(directory: dir.url, hostname: "h", clock: { 5 })
        for step in 0..<10 { try writer.putScalar("x", Double(step) / 4, step: step) }
        try writer.flush()
        let values = try Self.scalars(try #require(writer.fileURLs.first))
        #expect(values.map(\.2) == (0..<10).map { Float($0) / 4 })
        try writer.close()
    }

    /// A write request (an epoch's end) hands everything queued to the file without waiting;
    /// later values stay queued until asked for (the flush period here is far away).
    @Test func requestWritePutsTheQueuedEventsInTheFile() throws {
        let dir = try TemporaryDirectory()
        let writer = try TensorBoardEventWriter(directory: dir.url, flushSeconds: 3600, hostname: "h", clock: { 5 })
        for step in 0..<3 { try writer.putScalar("x", Double(step), step: step) }
        writer.requestWrite()
        let url = try #require(writer.fileURLs.first)
        var found = 0
        for _ in 0..<200 where found < 3 {
            Thread.sleep(forTimeInterval: 0.01)
            found = try Self.scalars(url).count
        }
        #expect(found == 3)
        try writer.putScalar("x", 3, step: 3)
        Thread.sleep(forTimeInterval: 0.05)
        #expect(try Self.scalars(url).count == 3)
        writer.requestWrite()
        for _ in 0..<200 where found < 4 {
            Thread.sleep(forTimeInterval: 0.01)
            found = try Self.scalars(url).count
        }
        #expect(try Self.scalars(url).map(\.2) == [0, 1, 2, 3])
        try writer.close()
    }

    @Test func periodicFlushWritesWithoutBeingAsked() throws {
        let dir = try TemporaryDirectory()
        let writer = try TensorBoardEventWriter(directory: dir.url, flushSeconds: 0.05, hostname: "h", clock: { 5 })
        try writer.putScalar("x", 1, step: 1)
        let url = try #require(writer.fileURLs.first)
        var found = 0
        for _ in 0..<100 where found == 0 {
            Thread.sleep(forTimeInterval: 0.02)
            found = try Self.scalars(url).count
        }
        #expect(found == 1)
        try writer.close()
    }

    @Test func startNewFileSplitsAndNamesFilesByClock() throws {
        let dir = try TemporaryDirectory()
        let clock = TestClock(start: 100)
        let writer = try TensorBoardEventWriter(directory: dir.url, hostname: "host", clock: clock.now)
        try writer.putScalar("x", 1, step: 1)  // t = 101
        try writer.startNewFile()  // t = 102
        try writer.putScalar("x", 2, step: 2)
        try writer.close()
        let urls = writer.fileURLs
        #expect(urls.map(\.lastPathComponent) == ["events.out.tfevents.100.host", "events.out.tfevents.102.host"])
        #expect(try Self.scalars(urls[0]).map(\.2) == [1])
        #expect(try Self.scalars(urls[1]).map(\.2) == [2])
        #expect(try TensorBoardEventReader.events(at: urls[1]).first?.fileVersion == "brain.Event:2")
        // Same second again: a suffix instead of overwriting.
        let again = try TensorBoardEventWriter(directory: dir.url, hostname: "host", clock: { 100 })
        try again.close()
        #expect(again.fileURLs.map(\.lastPathComponent) == ["events.out.tfevents.100.host.1"])
    }

    @Test func putAfterCloseAndBadOptionsAreErrors() throws {
        let dir = try TemporaryDirectory()
        let writer = try TensorBoardEventWriter(directory: dir.url, hostname: "h")
        try writer.close()
        try writer.close()
        let path = try #require(writer.fileURLs.first).path
        #expect(throws: TensorBoardWriterError.closed(path: path)) { try writer.putScalar("x", 1, step: 0) }
        #expect(throws: TensorBoardWriterError.invalidOption(name: "maxQueue", value: "0")) {
            _ = try TensorBoardEventWriter(directory: dir.url, maxQueue: 0)
        }
    }

    /// The log directory is removed mid-run: the error is reported once, later values
    /// are dropped silently, and flush/close still return.
    @Test func removedDirectoryIsReportedOnce() throws {
        let dir = try TemporaryDirectory()
        let logDir = dir.url.appendingPathComponent("run")
        let log = ErrorLog()
        let writer = try TensorBoardEventWriter(directory: logDir, hostname: "h", clock: { 5 }, errorHandler: log.handler)
        try writer.putScalar("x", 1, step: 1)
        try writer.flush()
        try FileManager.default.removeItem(at: logDir)
        try writer.putScalar("x", 2, step: 2)
        try writer.flush()
        for step in 3..<50 { try writer.putScalar("x", 3, step: step) }
        try writer.flush()
        try writer.close()
        let path = logDir.appendingPathComponent("events.out.tfevents.5.h").path
        #expect(log.errors == [.writeFailed(path: path, operation: "keep writing",
                                            reason: "the file was deleted (was the log directory removed?)")])
        #expect(log.errors.first?.description.contains("summaries after this point are dropped") == true)
    }

    @Test func strictWriterThrowsTheFirstErrorOnTheNextCall() throws {
        let dir = try TemporaryDirectory()
        let log = ErrorLog()
        let writer = try TensorBoardEventWriter(directory: dir.url, strict: true, hostname: "h", clock: { 5 },
                                                errorHandler: log.handler)
        try FileManager.default.removeItem(at: dir.url)
        try writer.putScalar("x", 1, step: 1)
        #expect(throws: TensorBoardWriterError.self) { try writer.flush() }
        #expect(throws: TensorBoardWriterError.self) { try writer.putScalar("x", 2, step: 2) }
        #expect(throws: TensorBoardWriterError.self) { try writer.close() }
        #expect(log.errors.count == 1)
    }

    /// A full disk (64 KiB tmpfs): ENOSPC is reported once with the file's name.
    @Test func fullDiskIsReportedOnce() throws {
        guard let disk = try SmallDisk(kilobytes: 64) else { return }
        defer { disk.unmount() }
        let log = ErrorLog()
        let writer = try TensorBoardEventWriter(directory: disk.url, hostname: "h", clock: { 5 }, errorHandler: log.handler)
        var state: UInt32 = 1
        let noise = (0..<(64 * 64)).map { _ -> UInt8 in
            state = state &* 1_664_525 &+ 1_013_904_223
            return UInt8(state >> 24)
        }
        let image = Image(width: 64, height: 64, channels: 1, pixels: noise)
        for step in 0..<40 { try writer.putImage("noise", image, step: step) }
        try writer.flush()
        try writer.close()
        let errors = log.errors
        #expect(errors.count == 1)
        #expect(errors.first?.description.contains("No space left on device") == true)
        #expect(errors.first?.description.contains(disk.url.path) == true)
    }
}
