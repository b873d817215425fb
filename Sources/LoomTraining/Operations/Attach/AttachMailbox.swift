import Foundation
import Synchronization

/// Hands requests from the socket thread of ``AttachConsole`` to the training thread
/// and the replies back. The socket thread only queues and waits; the training thread
/// takes the requests at a step boundary (``hasWork`` is one relaxed atomic load).
///
/// `@unchecked Sendable`: every mutable field is guarded by `condition`; `work` is atomic.
final class AttachMailbox: @unchecked Sendable {
    /// What a client asks for.
    enum Request: Equatable {
        /// The greeting of a client that just attached (process ID 0 when unknown).
        case greeting(process: Int32)
        /// A command line.
        case command(String)
    }

    /// The training thread's answer.
    struct Reply: Equatable {
        /// The reply's lines.
        var text: String
        /// Whether the console closes the connection after it.
        var closes: Bool
    }

    /// What the training thread takes at once.
    struct Batch {
        /// Queued requests with their IDs, oldest first.
        var requests: [(id: Int, request: Request)] = []
        /// Log lines from the socket thread.
        var notes: [String] = []
    }

    private let condition = NSCondition()
    private let work = Atomic<Bool>(false)
    private var queue: [(id: Int, request: Request)] = []
    private var replies: [Int: Reply] = [:]
    private var notes: [String] = []
    private var nextID = 0
    private var closed = false
    private var departures = 0

    /// Whether requests, notes or a departure wait for the training thread.
    var hasWork: Bool { work.load(ordering: .relaxed) }

    /// How many clients have left so far (a paused run resumes when its client leaves).
    var departureCount: Int { condition.withLock { departures } }

    // MARK: The socket thread

    /// Queues `request`; returns its ID, or nil once training has ended.
    func submit(_ request: Request) -> Int? {
        condition.withLock {
            guard !closed else { return nil }
            nextID += 1
            queue.append((nextID, request))
            signalWork()
            return nextID
        }
    }

    /// The reply to request `id`, waiting at most `seconds`; nil if none came.
    func reply(to id: Int, waitingAtMost seconds: Double) -> Reply? {
        condition.lock()
        defer { condition.unlock() }
        let deadline = Date(timeIntervalSinceNow: seconds)
        while replies[id] == nil, condition.wait(until: deadline) {}
        return replies.removeValue(forKey: id)
    }

    /// Withdraws request `id` if the training thread has not taken it yet.
    /// - Returns: true when it was withdrawn (it will never run).
    func withdraw(_ id: Int) -> Bool {
        condition.withLock {
            guard let index = queue.firstIndex(where: { $0.id == id }) else { return false }
            queue.remove(at: index)
            return true
        }
    }

    /// Queues a line for the training thread's log.
    func note(_ text: String) {
        condition.withLock {
            notes.append(text)
            signalWork()
        }
    }

    /// Records that the attached client left.
    func clientLeft() {
        condition.withLock {
            departures += 1
            signalWork()
        }
    }

    // MARK: The training thread

    /// Takes every queued request and note.
    func take() -> Batch {
        condition.withLock {
            work.store(false, ordering: .relaxed)
            defer { queue.removeAll(); notes.removeAll() }
            return Batch(requests: queue, notes: notes)
        }
    }

    /// Posts the reply to request `id`.
    func answer(_ id: Int, with reply: Reply) {
        condition.withLock {
            replies[id] = reply
            condition.broadcast()
        }
    }

    /// Waits at most `seconds` for work (while training is paused).
    func waitForWork(seconds: Double) {
        condition.lock()
        defer { condition.unlock() }
        let deadline = Date(timeIntervalSinceNow: seconds)
        while !work.load(ordering: .relaxed), condition.wait(until: deadline) {}
    }

    /// Ends the mailbox: requests still queued get `reply`, later ones are refused.
    func close(replying reply: Reply) {
        condition.withLock {
            closed = true
            for (id, _) in queue { replies[id] = reply }
            queue.removeAll()
            condition.broadcast()
        }
    }

    /// Under the lock: marks work and wakes a paused training thread.
    private func signalWork() {
        work.store(true, ordering: .relaxed)
        condition.broadcast()
    }
}
