import Foundation

/// Spelling of numbers in Loom's inspection output.
public enum StatsNumber {
    /// The widest value ``format(_:)`` produces for typical values (`-1.2346e+05`).
    public static let typicalWidth = 11

    /// Magnitudes below this print as `0` (a learning rate decayed to 1e-100 is zero in effect).
    public static let zeroBelow = 1e-30

    /// `value` with 5 significant digits (`%.5g`), `NaN`, `inf` or `-inf`; `0` below ``zeroBelow``.
    public static func format(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "inf" : "-inf" }
        if abs(value) < zeroBelow { return "0" }
        return String(format: "%.5g", value)
    }

    /// An integral value (an epoch or step) without decimals; others as ``format(_:)``.
    public static func integer(_ value: Double) -> String {
        if value.isFinite, value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return format(value)
    }

    /// A count with thousands separators, e.g. `7,850`.
    public static func grouped(_ count: Int) -> String {
        let digits = String(count.magnitude)
        var result = ""
        for (offset, digit) in digits.enumerated() {
            if offset > 0, (digits.count - offset) % 3 == 0 { result.append(",") }
            result.append(digit)
        }
        return count < 0 ? "-" + result : result
    }
}
