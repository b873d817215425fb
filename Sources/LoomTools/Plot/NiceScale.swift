import Foundation

/// An axis range with "nice" ticks: steps of 1, 2 or 5 times a power of ten, or powers
/// of ten (with 2× and 5× between them over a short range) on a logarithmic axis.
public struct NiceScale: Sendable, Equatable {
    /// The axis's lower end (the first tick).
    public var lower: Double
    /// The axis's upper end (the last tick).
    public var upper: Double
    /// The tick values, ascending, from `lower` to `upper`.
    public var ticks: [Double]
    /// Whether positions are logarithmic.
    public var logarithmic: Bool

    /// A linear scale covering `minimum...maximum` with at most about `maxTicks` ticks.
    ///
    /// An empty range is widened (by 1, or half the value's magnitude) so that it has extent.
    public static func linear(_ minimum: Double, _ maximum: Double, maxTicks: Int = 8) -> NiceScale {
        var low = minimum, high = maximum
        if high <= low {
            let pad = low == 0 ? 1 : abs(low) / 2
            low -= pad
            high += pad
        }
        let (mantissa, exponent) = step(for: (high - low) / Double(max(maxTicks - 1, 1)))
        let first = (low / tickValue(1, mantissa, exponent)).rounded(.down)
        let last = (high / tickValue(1, mantissa, exponent)).rounded(.up)
        let ticks = stride(from: first, through: last, by: 1).map { tickValue($0, mantissa, exponent) }
        return NiceScale(lower: ticks.first ?? low, upper: ticks.last ?? high, ticks: ticks, logarithmic: false)
    }

    /// A logarithmic scale covering `minimum...maximum` (both positive): from the power of
    /// ten at or below `minimum` to the one at or above `maximum`.
    public static func logarithmic(_ minimum: Double, _ maximum: Double) -> NiceScale {
        var low = log10(minimum).rounded(.down)
        var high = log10(maximum).rounded(.up)
        if high <= low { high = low + 1 }
        let decades = high - low
        var ticks: [Double] = []
        if decades <= 3 {
            for power in stride(from: low, to: high, by: 1) {
                ticks += [1, 2, 5].map { $0 * pow(10, power) }
            }
            ticks.append(pow(10, high))
        } else {
            let every = (decades / 8).rounded(.up)
            high = low + (decades / every).rounded(.up) * every
            ticks = stride(from: low, through: high, by: every).map { pow(10, $0) }
        }
        low = pow(10, low)
        return NiceScale(lower: low, upper: pow(10, high), ticks: ticks, logarithmic: true)
    }

    /// The position of `value` on the axis, 0 at `lower` and 1 at `upper`.
    public func fraction(_ value: Double) -> Double {
        if logarithmic { return (log10(value) - log10(lower)) / (log10(upper) - log10(lower)) }
        return (value - lower) / (upper - lower)
    }

    /// The tick label for `value`: as many decimals as the step needs, or `%g` on a log axis.
    public func label(_ value: Double) -> String {
        if value == 0 { return "0" }
        if logarithmic || abs(value) >= 1e6 || abs(value) < 1e-4 { return String(format: "%g", value) }
        let step = ticks.count > 1 ? ticks[1] - ticks[0] : 1
        let decimals = max(0, Int(-log10(step).rounded(.down)))
        return String(format: "%.\(decimals)f", value)
    }

    /// The 1-2-5 step at or above `raw`: mantissa 1, 2 or 5 and a power-of-ten exponent.
    static func step(for raw: Double) -> (mantissa: Int, exponent: Int) {
        guard raw > 0, raw.isFinite else { return (1, 0) }
        var exponent = Int(log10(raw).rounded(.down))
        let scaled = raw / pow(10, Double(exponent))
        let mantissa: Int
        if scaled <= 1.000001 { mantissa = 1 } else if scaled <= 2.000001 { mantissa = 2 } else if scaled <= 5.000001 { mantissa = 5 } else {
            mantissa = 1
            exponent += 1
        }
        return (mantissa, exponent)
    }

    /// `k × mantissa × 10^exponent`, computed so that e.g. 3 × 0.1 is exactly 0.3.
    static func tickValue(_ k: Double, _ mantissa: Int, _ exponent: Int) -> Double {
        let units = k * Double(mantissa)
        return exponent >= 0 ? units * pow(10, Double(exponent)) : units / pow(10, Double(-exponent))
    }
}
