import Foundation

/// Number and time formatting shared by printers and bars.
public enum Formatting {
    /// Magnitudes below this print as `0`: a value decaying towards zero (a moving average
    /// of an error that reached 0, a learning rate divided many times) shows as `0`, never
    /// as `1e-37` or a denormal.
    public static let zeroFloor = 1e-12

    /// Python's `'{:.5g}'.format(value)` (also `%.5g` in C): 5 significant digits,
    /// trailing zeros removed, exponent form below 1e-4 or from 1e5; magnitudes below
    /// ``zeroFloor`` as `0`.
    public static func significant5(_ value: Double) -> String { significant(value, digits: 5) }

    /// `%.<digits>g` of `value` (trailing zeros removed), `nan`, `inf` or `-inf`; magnitudes
    /// below ``zeroFloor`` as `0`.
    /// - Parameters:
    ///   - value: The number.
    ///   - digits: Significant digits (1 or more).
    /// - Returns: The text.
    public static func significant(_ value: Double, digits: Int) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value > 0 ? "inf" : "-inf" }
        if value.magnitude < zeroFloor { return "0" }
        return String(format: "%.\(Swift.max(1, digits))g", value)
    }

    /// `MM:SS`, or `H:MM:SS` from one hour, like tqdm.
    public static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0 else { return "?" }
        let total = Int(seconds)
        let (hours, minutes, secs) = (total / 3600, (total % 3600) / 60, total % 60)
        let mmss = String(format: "%02d:%02d", minutes, secs)
        return hours > 0 ? "\(hours):\(mmss)" : mmss
    }

    /// A readable span such as `1 hour 3 minutes` or `42 seconds`.
    public static func humanDuration(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0 else { return "unknown" }
        let total = Int(seconds.rounded())
        func unit(_ count: Int, _ name: String) -> String { "\(count) \(name)\(count == 1 ? "" : "s")" }
        if total < 60 { return unit(total, "second") }
        if total < 3600 { return unit(total / 60, "minute") + (total % 60 > 0 ? " " + unit(total % 60, "second") : "") }
        if total < 86400 { return unit(total / 3600, "hour") + ((total % 3600) / 60 > 0 ? " " + unit((total % 3600) / 60, "minute") : "") }
        return unit(total / 86400, "day") + ((total % 86400) / 3600 > 0 ? " " + unit((total % 86400) / 3600, "hour") : "")
    }

    /// A timestamp like `0412-101112` (`%m%d-%H%M%S`), for backup names. Computed with a
    /// `Calendar` (about 12 µs), not a `DateFormatter` (about 220 µs to create).
    public static func timestamp(_ wallTime: Double, timeZone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.month, .day, .hour, .minute, .second], from: Date(timeIntervalSince1970: wallTime))
        return "\(twoDigits(parts.month))\(twoDigits(parts.day))-\(twoDigits(parts.hour))\(twoDigits(parts.minute))\(twoDigits(parts.second))"
    }

    /// `value` with at least two digits (`7` → `07`; `nil` → `00`).
    static func twoDigits(_ value: Int?) -> String {
        let number = value ?? 0
        return number < 10 ? "0\(number)" : "\(number)"
    }
}

/// "Did you mean" suggestions by edit distance.
public enum NameSuggestion {
    /// The Levenshtein distance between `a` and `b` (by Unicode scalar).
    public static func editDistance(_ a: String, _ b: String) -> Int {
        let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var previous = Array(0...y.count)
        var current = [Int](repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            current[0] = i
            for j in 1...y.count {
                current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[y.count]
    }

    /// The closest of `candidates` to `name` when it is within a third of the name's
    /// length (at least 2 edits), or `nil`.
    public static func closest(to name: String, in candidates: [String]) -> String? {
        let limit = Swift.max(2, name.count / 3)
        var best: (String, Int)?
        for candidate in candidates {
            let distance = editDistance(name, candidate)
            if distance <= limit, distance < (best?.1 ?? Int.max) { best = (candidate, distance) }
        }
        return best?.0
    }
}
