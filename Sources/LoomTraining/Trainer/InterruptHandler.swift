#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import Synchronization

/// Counts interrupt requests; shared between the SIGINT source's queue and the loop.
final class InterruptFlag: Sendable {
    private let count = Atomic<Int>(0)

    /// Records one request and returns how many there were.
    @discardableResult
    func request() -> Int { count.add(1, ordering: .relaxed).newValue }

    /// Whether at least one request arrived.
    @inline(__always) var isRequested: Bool { count.load(ordering: .relaxed) > 0 }
}

/// Turns SIGINT into an interrupt request while installed: the first Ctrl-C asks the
/// loop to stop after the current step; a second one kills the process at once.
final class InterruptHandler {
    private var source: (any DispatchSourceSignal)?

    /// Starts routing SIGINT to `flag`.
    func install(_ flag: InterruptFlag) {
        signal(SIGINT, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler {
            if flag.request() >= 2 {
                signal(SIGINT, SIG_DFL)
                raise(SIGINT)
            }
        }
        source.resume()
        self.source = source
    }

    /// Restores the default SIGINT behaviour.
    func uninstall() {
        guard let source else { return }
        source.cancel()
        self.source = nil
        signal(SIGINT, SIG_DFL)
    }
}
