import ArgumentParser

/// A `--profile-steps` range of global steps, `A-B` (1-based, inclusive, A ≤ B) or `A`.
struct StepRange: Equatable {
    /// The steps.
    let steps: ClosedRange<Int>

    /// The command-line form.
    var argument: String { "\(steps.lowerBound)-\(steps.upperBound)" }

    /// Parses a range.
    /// - Throws: `ValidationError` with the accepted form.
    static func parse(_ text: String) throws -> StepRange {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map { Int($0) }
        guard (1...2).contains(parts.count), let first = parts[0], let last = parts[parts.count - 1], first >= 1, last >= first else {
            throw ValidationError("'\(text)' is not a step range; write FIRST-LAST with 1 ≤ FIRST ≤ LAST, e.g. 10-20")
        }
        return StepRange(steps: first...last)
    }
}
