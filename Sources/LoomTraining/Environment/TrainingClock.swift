import Foundation

/// A source of time, injected so that tests are deterministic.
public protocol TrainingClock: AnyObject {
    /// Monotonic seconds from an arbitrary origin (durations, rates, ETAs).
    func now() -> Double
    /// Seconds since 1970 (timestamps in logs and file names).
    func wallTime() -> Double
}

/// The system's clocks: `DispatchTime` (monotonic) and `Date` (wall).
public final class SystemClock: TrainingClock {
    /// Creates the system clock.
    public init() {}
    public func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }
    public func wallTime() -> Double { Date().timeIntervalSince1970 }
}

/// A clock that moves only when told to: `advance(by:)` moves both readings.
public final class ManualClock: TrainingClock {
    private var monotonic: Double
    private var wall: Double

    /// Creates a clock reading `now` (monotonic) and `wallTime` (seconds since 1970).
    public init(now: Double = 0, wallTime: Double = 1_700_000_000) {
        monotonic = now
        wall = wallTime
    }

    public func now() -> Double { monotonic }
    public func wallTime() -> Double { wall }

    /// Moves both readings forward by `seconds`.
    public func advance(by seconds: Double) {
        monotonic += seconds
        wall += seconds
    }
}
