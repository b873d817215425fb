import Foundation
import Synchronization
import Testing
@testable import LoomTraining

/// Records the order in which background jobs ran.
private final class JobLog: Sendable {
    private let entries = Mutex<[Int]>([])
    func add(_ value: Int) { entries.withLock { $0.append(value) } }
    var values: [Int] { entries.withLock { $0 } }
}

@Suite struct FileWriterTests {
    /// Jobs run in submission order; completions run only when delivered, in the same order.
    @Test func jobsAndCompletionsRunInSubmissionOrder() {
        let writer = FileWriter()
        let log = JobLog()
        var delivered: [Int] = []
        let gate = DispatchSemaphore(value: 0)
        writer.submit({ gate.wait(); log.add(0); return 0 }, completion: { delivered.append($0) })
        for index in 1...3 { writer.submit({ log.add(index); return index }, completion: { delivered.append($0) }) }
        writer.deliverCompleted()
        #expect(delivered.isEmpty, "the first job is still waiting, so nothing is delivered out of order")
        #expect(writer.pendingCount == 4)
        gate.signal()
        writer.waitUntilIdle()
        #expect(log.values == [0, 1, 2, 3])
        #expect(delivered == [0, 1, 2, 3])
        #expect(writer.pendingCount == 0)
    }

    /// `perform` waits for its job, which runs after the earlier ones, and delivers them first.
    @Test func performRunsAfterEarlierJobsAndReturnsItsResult() {
        let writer = FileWriter()
        let log = JobLog()
        var delivered: [Int] = []
        writer.submit({ log.add(1); return 1 }, completion: { delivered.append($0) })
        let result = writer.perform { log.add(2); return "done" }
        #expect(result == "done")
        #expect(log.values == [1, 2])
        #expect(delivered == [1])
    }

    /// Jobs run off the calling thread; completions run on it.
    @Test func jobsRunInTheBackgroundAndCompletionsOnTheCaller() {
        let writer = FileWriter()
        let caller = pthread_self()
        var completionThread: pthread_t?
        let jobOnCaller = writer.perform { pthread_equal(pthread_self(), caller) != 0 }
        writer.submit({ 0 }, completion: { _ in completionThread = pthread_self() })
        writer.waitUntilIdle()
        #expect(!jobOnCaller)
        #expect(completionThread.map { pthread_equal($0, caller) != 0 } == true)
    }

    /// Beyond `maxPending` waiting jobs a submission first waits for the earlier ones.
    @Test func aFullQueueWaitsForTheEarlierJobs() {
        let writer = FileWriter(maxPending: 2)
        var delivered: [Int] = []
        for index in 0..<5 { writer.submit({ index }, completion: { delivered.append($0) }) }
        #expect(writer.pendingCount <= 2)
        writer.waitUntilIdle()
        #expect(delivered == [0, 1, 2, 3, 4])
    }
}
