#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import Synchronization

/// Counts stop requests (SIGINT, SIGTERM, ``Trainer/interrupt()``), remembers the first
/// signal, and defers an abort while a checkpoint is being written.
final class InterruptFlag: Sendable {
    private let count = Atomic<Int>(0)
    private let firstSignal = Atomic<Int32>(0)
    private let criticalDepth = Atomic<Int>(0)
    private let pendingAbort = Atomic<Int32>(0)

    /// Records one request (`signal` 0 for a programmatic one) and returns how many there were.
    @discardableResult
    func request(signal: Int32 = 0) -> Int {
        if signal != 0 { _ = firstSignal.compareExchange(expected: 0, desired: signal, ordering: .relaxed) }
        return count.add(1, ordering: .relaxed).newValue
    }

    /// Whether at least one request arrived.
    @inline(__always) var isRequested: Bool { count.load(ordering: .relaxed) > 0 }

    /// The first signal that asked to stop, or nil (none, or ``Trainer/interrupt()``).
    var signal: Int32? {
        let value = firstSignal.load(ordering: .relaxed)
        return value == 0 ? nil : value
    }

    /// Runs `body` (a checkpoint write) so that a second signal arriving meanwhile aborts
    /// only after it: the write finishes and its file is complete.
    func uninterruptible<T>(_ body: () throws -> T) rethrows -> T {
        criticalDepth.add(1, ordering: .sequentiallyConsistent)
        defer {
            if criticalDepth.subtract(1, ordering: .sequentiallyConsistent).newValue == 0 {
                let deferred = pendingAbort.load(ordering: .sequentiallyConsistent)
                if deferred != 0 { Self.abort(with: deferred) }
            }
        }
        return try body()
    }

    /// A second signal: abort now, or right after the write in progress.
    fileprivate func abortRequested(by signal: Int32) {
        pendingAbort.store(signal, ordering: .sequentiallyConsistent)
        if criticalDepth.load(ordering: .sequentiallyConsistent) == 0 { Self.abort(with: signal) }
    }

    /// Ends the process as the signal's default action does (exit status 128 + signal).
    private static func abort(with signal: Int32) {
        setSignalAction(signal, SIG_DFL)
        raise(signal)
    }
}

/// Turns SIGINT (Ctrl-C) and SIGTERM (what schedulers, containers and `kill` send) into a
/// stop request while installed: the first asks the loop to stop after the current step
/// and save; a second one ends the process at once, or right after a checkpoint write in
/// progress.
final class InterruptHandler {
    private var sources: [any DispatchSourceSignal] = []

    /// The signals handled.
    static let signals: [Int32] = [SIGINT, SIGTERM]

    /// Starts routing the signals to `flag`.
    func install(_ flag: InterruptFlag) {
        for number in Self.signals {
            setSignalAction(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                if flag.request(signal: number) >= 2 { flag.abortRequested(by: number) }
            }
            source.resume()
            sources.append(source)
        }
    }

    /// Restores the signals' default behaviour.
    func uninstall() {
        for source in sources { source.cancel() }
        sources.removeAll()
        for number in Self.signals { setSignalAction(number, SIG_DFL) }
    }
}

/// The C library's `signal`, named apart from ``InterruptFlag/signal``.
#if canImport(Glibc)
private func setSignalAction(_ number: Int32, _ action: sighandler_t?) { _ = signal(number, action) }
#else
private func setSignalAction(_ number: Int32, _ action: sig_t?) { _ = signal(number, action) }
#endif
