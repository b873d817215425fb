import Foundation

/// A hyperparameter schedule: a pure function from a point of training (an epoch, a
/// global step, or a fractional epoch; see ``ScheduleSetter``) to a value. Because it is
/// pure, a resumed run gets the same values as an uninterrupted one.
///
/// ```swift
/// let lr = Schedule.warmup(steps: 500, from: 0, then: .cosine(from: 0.1, to: 1e-4, over: 9_500))
/// ScheduleSetter(.learningRate, lr, per: .step)
/// ```
public struct Schedule: Sendable {
    private let function: @Sendable (Double) -> Double

    /// A schedule computed by `function(point)`.
    public init(_ function: @escaping @Sendable (Double) -> Double) { self.function = function }

    /// The value at `point`.
    public func value(at point: Double) -> Double { function(point) }

    /// The same value everywhere.
    public static func constant(_ value: Double) -> Schedule { Schedule { _ in value } }

    /// Piecewise constant ("step" decay): `initial` before the first boundary; from a
    /// boundary `b` on (points `≥ b`), its value. With epochs, `(30, 1e-2)` set after
    /// epoch 30 means `1e-2` during epoch 31, as in ``ScheduledHyperParamSetter``.
    /// - Parameters:
    ///   - initial: the value before the first boundary.
    ///   - boundaries: `(point, value)` pairs in increasing order of point.
    public static func piecewiseConstant(initial: Double, _ boundaries: [(Double, Double)]) -> Schedule {
        let sorted = boundaries.sorted { $0.0 < $1.0 }
        return Schedule { point in sorted.last(where: { $0.0 <= point })?.1 ?? initial }
    }

    /// Exponential decay: `initial · rate^(point / every)`, or `rate^⌊point / every⌋` when `staircase`.
    public static func exponentialDecay(initial: Double, rate: Double, every: Double, staircase: Bool = false) -> Schedule {
        Schedule { point in
            let exponent = staircase ? (point / every).rounded(.down) : point / every
            return initial * pow(rate, exponent)
        }
    }

    /// Linear from `start` at point 0 to `end` at point `length`, then `end`.
    public static func linear(from start: Double, to end: Double, over length: Double) -> Schedule {
        Schedule { point in
            guard length > 0 else { return end }
            let t = min(max(point / length, 0), 1)
            return start + (end - start) * t
        }
    }

    /// Cosine annealing from `start` at point 0 to `end` (the minimum) at point `length`, then `end`.
    public static func cosine(from start: Double, to end: Double = 0, over length: Double) -> Schedule {
        Schedule { point in
            guard length > 0 else { return end }
            let t = min(max(point / length, 0), 1)
            return end + (start - end) * (1 + cos(Double.pi * t)) / 2
        }
    }

    /// Linear warm-up from `start` to `then`'s first value over `steps` points, then
    /// `then`, shifted so that its point 0 is the end of the warm-up.
    public static func warmup(steps: Double, from start: Double = 0, then next: Schedule) -> Schedule {
        Schedule { point in
            guard point < steps else { return next.value(at: point - steps) }
            return start + (next.value(at: 0) - start) * max(point, 0) / steps
        }
    }

    /// The shape of a one-cycle schedule's rising phase.
    public enum Ramp: Sendable, Equatable {
        /// A straight line.
        case linear
        /// Half a cosine (fastai's default).
        case cosine
    }

    /// One-cycle (fastai `fit_one_cycle`): from `max / divStart` up to `max` at
    /// `pctStart · total`, then cosine down to `max / divFinal` at `total`, then flat.
    /// - Parameters:
    ///   - max: the peak value.
    ///   - total: the length of the cycle in points.
    ///   - pctStart: the fraction of the cycle spent rising (default 0.25).
    ///   - divStart: start value = `max / divStart` (default 25).
    ///   - divFinal: final value = `max / divFinal` (default 1e5).
    ///   - ramp: the rising shape (default cosine).
    public static func oneCycle(max peak: Double, total: Double, pctStart: Double = 0.25, divStart: Double = 25,
                                divFinal: Double = 1e5, ramp: Ramp = .cosine) -> Schedule {
        let rise = total * pctStart
        let low = peak / divStart
        let final = peak / divFinal
        let up: Schedule = ramp == .linear ? .linear(from: low, to: peak, over: rise) : .cosine(from: low, to: peak, over: rise)
        let down = Schedule.cosine(from: peak, to: final, over: total - rise)
        return Schedule { point in point < rise ? up.value(at: point) : down.value(at: point - rise) }
    }
}
