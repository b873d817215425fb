#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A value put by the training thread, not yet encoded.
enum TensorBoardPending: Sendable {
    case scalar(Float)
    case histogram(Histogram)
    case image(Image)
    case text(String)
}

/// One entry of the writer's queue.
enum TensorBoardQueueItem: Sendable {
    case value(tag: String, value: TensorBoardPending, step: Int64, wallTime: Double)
    case sessionStart(step: Int64, wallTime: Double)
    case newFile(wallTime: Double)
}

/// The bounded queue between the training thread and the background writer thread,
/// and the background loop that drains it.
///
/// `@unchecked Sendable`: every mutable field is guarded by `mutex` (a pthread mutex
/// with three condition variables, which `NSCondition` cannot provide); `file` is
/// touched only by the background thread once it started.
final class TensorBoardQueue: @unchecked Sendable {
    let maxQueue: Int
    let flushSeconds: Double
    let strict: Bool
    let path: String
    private let wakeThreshold: Int
    private let errorHandler: @Sendable (TensorBoardWriterError) -> Void
    private let file: TensorBoardEventFile

    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let notEmpty = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private let notFull = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private let progress = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)

    // Guarded by mutex.
    private var pending: [TensorBoardQueueItem] = []
    private var enqueued = 0
    private var persisted = 0
    private var flushWanted = 0
    /// Items handed to the file (written, synced or not), and those asked to be.
    private var written = 0
    private var writeWanted = 0
    private var consumerWaiting = false
    private var producersWaiting = 0
    private var closing = false
    private var finished = false
    private var failure: TensorBoardWriterError?
    private var files: [URL]

    init(file: TensorBoardEventFile, maxQueue: Int, flushSeconds: Double, strict: Bool,
         errorHandler: @escaping @Sendable (TensorBoardWriterError) -> Void) {
        self.file = file
        self.maxQueue = maxQueue
        self.flushSeconds = flushSeconds
        self.strict = strict
        self.errorHandler = errorHandler
        self.path = file.url.path
        self.files = [file.url]
        self.wakeThreshold = Swift.max(1, maxQueue / 4)
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(notEmpty, nil)
        pthread_cond_init(notFull, nil)
        pthread_cond_init(progress, nil)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        pthread_cond_destroy(notEmpty)
        pthread_cond_destroy(notFull)
        pthread_cond_destroy(progress)
        mutex.deallocate()
        notEmpty.deallocate()
        notFull.deallocate()
        progress.deallocate()
    }

    /// Every event file written so far, the current one last.
    var fileURLs: [URL] {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return files
    }

    // MARK: - Training-thread side

    /// Appends `item`, waiting while the queue is full. Control items wake the writer at once.
    func put(_ item: TensorBoardQueueItem, urgent: Bool = false) throws(TensorBoardWriterError) {
        pthread_mutex_lock(mutex)
        while pending.count >= maxQueue, !closing, failure == nil {
            producersWaiting += 1
            if consumerWaiting { pthread_cond_signal(notEmpty) }
            pthread_cond_wait(notFull, mutex)
            producersWaiting -= 1
        }
        if closing {
            pthread_mutex_unlock(mutex)
            throw .closed(path: path)
        }
        if let failure {
            pthread_mutex_unlock(mutex)
            if strict { throw failure }
            return
        }
        pending.append(item)
        enqueued += 1
        if consumerWaiting, urgent || pending.count >= wakeThreshold { pthread_cond_signal(notEmpty) }
        pthread_mutex_unlock(mutex)
    }

    /// Blocks until every item queued before the call is written and synced to disk.
    func flush() throws(TensorBoardWriterError) {
        pthread_mutex_lock(mutex)
        let ticket = enqueued
        flushWanted = Swift.max(flushWanted, ticket)
        pthread_cond_signal(notEmpty)
        while persisted < ticket, !finished { pthread_cond_wait(progress, mutex) }
        let failure = self.failure
        pthread_mutex_unlock(mutex)
        if strict, let failure { throw failure }
    }

    /// Asks the background thread to write every item queued so far to the file, without
    /// syncing it; returns at once.
    func requestWrite() {
        pthread_mutex_lock(mutex)
        writeWanted = Swift.max(writeWanted, enqueued)
        pthread_cond_signal(notEmpty)
        pthread_mutex_unlock(mutex)
    }

    /// Asks the background thread to write and sync every item queued so far; returns at once.
    func requestFlush() {
        pthread_mutex_lock(mutex)
        flushWanted = Swift.max(flushWanted, enqueued)
        pthread_cond_signal(notEmpty)
        pthread_mutex_unlock(mutex)
    }

    /// Writes everything queued, closes the file and waits for the background thread to end.
    func close() throws(TensorBoardWriterError) {
        pthread_mutex_lock(mutex)
        closing = true
        pthread_cond_signal(notEmpty)
        pthread_cond_broadcast(notFull)
        while !finished { pthread_cond_wait(progress, mutex) }
        let failure = self.failure
        pthread_mutex_unlock(mutex)
        if strict, let failure { throw failure }
    }

    // MARK: - Background thread

    /// The background loop: takes whole batches from the queue, encodes them, writes
    /// them out on flush requests, every `flushSeconds`, or when 1 MiB is buffered.
    func run() {
        var lastWrite = monotonicSeconds()
        pthread_mutex_lock(mutex)
        while true {
            var periodic = false
            while !closing, flushWanted <= persisted, writeWanted <= written, pending.count < wakeThreshold {
                let remaining = flushSeconds - (monotonicSeconds() - lastWrite)
                if remaining <= 0 {
                    if !pending.isEmpty || file.bufferedBytes > 0 {
                        periodic = true
                        break
                    }
                    lastWrite = monotonicSeconds()
                    continue
                }
                consumerWaiting = true
                let target = wallSeconds() + Swift.min(remaining, 3600)
                var deadline = timespec()
                deadline.tv_sec = Int(target.rounded(.down))
                deadline.tv_nsec = Int((target - target.rounded(.down)) * 1e9)
                pthread_cond_timedwait(notEmpty, mutex, &deadline)
                consumerWaiting = false
            }
            let batch = pending
            pending.removeAll(keepingCapacity: true)
            let target = enqueued
            let syncNow = flushWanted > persisted || closing
            let writeNow = writeWanted > written
            let isClosing = closing
            let failedBefore = failure != nil
            if producersWaiting > 0 { pthread_cond_broadcast(notFull) }
            pthread_mutex_unlock(mutex)

            var newFailure: TensorBoardWriterError?
            if !failedBefore {
                do throws(TensorBoardWriterError) {
                    try process(batch)
                    if syncNow || isClosing {
                        try file.sync()
                        lastWrite = monotonicSeconds()
                    } else if writeNow || periodic || file.bufferedBytes >= 1 << 20 {
                        try file.write()
                        lastWrite = monotonicSeconds()
                    }
                } catch {
                    newFailure = error
                    file.abandon()
                }
            }
            if let newFailure { errorHandler(newFailure) }
            if isClosing, !failedBefore, newFailure == nil {
                do throws(TensorBoardWriterError) { try file.close() } catch {
                    newFailure = error
                    errorHandler(error)
                }
            }

            pthread_mutex_lock(mutex)
            if let newFailure { failure = newFailure }
            if syncNow || isClosing || failure != nil { persisted = target }
            if syncNow || writeNow || isClosing || failure != nil { written = Swift.max(written, target) }
            if isClosing, pending.isEmpty {
                file.abandon()
                finished = true
                pthread_cond_broadcast(progress)
                pthread_cond_broadcast(notFull)
                pthread_mutex_unlock(mutex)
                return
            }
            pthread_cond_broadcast(progress)
        }
    }

    private func process(_ batch: [TensorBoardQueueItem]) throws(TensorBoardWriterError) {
        for item in batch {
            switch item {
            case let .value(tag, .scalar(number), step, wallTime):
                file.appendScalar(tag: tag, value: number, step: step, wallTime: wallTime)
            case let .value(tag, value, step, wallTime):
                let encoded: TensorBoardValue
                switch value {
                case let .scalar(number): encoded = .scalar(number)
                case let .histogram(histogram): encoded = .histogram(histogram)
                case let .image(image): encoded = .image(TensorBoardEncodedImage(image))
                case let .text(text): encoded = .text(text)
                }
                let event = TensorBoardEvent(wallTime: wallTime, step: step,
                                             values: [TensorBoardSummaryValue(tag: tag, value: encoded)])
                file.append(event.encoded())
            case let .sessionStart(step, wallTime):
                file.append(TensorBoardEvent(wallTime: wallTime, step: step, startsSession: true).encoded())
            case let .newFile(wallTime):
                try file.startNewFile(wallTime: wallTime)
                let url = file.url
                pthread_mutex_lock(mutex)
                files.append(url)
                pthread_mutex_unlock(mutex)
            }
        }
    }
}

private func monotonicSeconds() -> Double {
    Double(DispatchTime.now().uptimeNanoseconds) / 1e9
}

/// Seconds on the realtime clock, the clock `pthread_cond_timedwait` measures deadlines in.
private func wallSeconds() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_REALTIME, &now)
    return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
}
