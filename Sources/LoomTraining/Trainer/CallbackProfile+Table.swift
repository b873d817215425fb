import Foundation

extension CallbackProfile {
    /// The profile as text: one row per callback (loop order), one column per event that
    /// some callback was timed for, cells `seconds (calls)`, a total column, then the
    /// backend's step time and the share of the run outside the backend's steps.
    ///
    /// ```
    /// Callback profile, seconds (calls):
    /// callback  beforeTrain  beforeEpoch  afterStep  afterEpoch  triggerEpoch  afterTrain  total
    /// Saver       0.000 (1)    0.000 (2)  0.600 (6)   0.000 (2)     1.000 (2)   0.000 (1)  1.600
    /// backend runStep: 3.000 s in 6 steps (0.500 s/step)
    /// outside the backend's steps: 1.600 s of 4.600 s (34.8 %)
    /// ```
    public func table() -> String {
        let events = Event.allCases.filter { event in rows.contains { $0[event] != nil } }
        var lines = [["callback"] + events.map(\.name) + ["total"]]
        for row in rows {
            lines.append([row.callback] + events.map { event in
                row[event].map { "\(Self.seconds($0.seconds)) (\($0.calls))" } ?? "-"
            } + [Self.seconds(row.totalSeconds)])
        }
        var widths = Array(repeating: 0, count: lines[0].count)
        for line in lines { for (column, text) in line.enumerated() { widths[column] = max(widths[column], text.count) } }
        var text = "Callback profile, seconds (calls):"
        for line in lines {
            let cells = line.enumerated().map { column, cell in
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                return column == 0 ? cell + padding : padding + cell
            }
            text += "\n" + cells.joined(separator: "  ")
        }
        let share = String(format: "%.1f", outsideBackendShare * 100)
        if stepsProfiled {
            text += "\nbackend runStep: \(Self.seconds(backendSteps.seconds)) s in \(backendSteps.calls) steps"
                + " (\(Self.seconds(backendSteps.seconds / Double(max(1, backendSteps.calls)))) s/step)"
            text += "\noutside the backend's steps: \(Self.seconds(outsideBackendSeconds)) s of \(Self.seconds(totalSeconds)) s (\(share) %)"
        } else {
            text += "\nsteps (runStep and per-step events, not split; TrainConfig.profilesCallbacks splits them):"
                + " \(Self.seconds(steps.seconds)) s in \(steps.calls) steps"
            text += "\noutside the steps: \(Self.seconds(outsideBackendSeconds)) s of \(Self.seconds(totalSeconds)) s (\(share) %)"
        }
        return text
    }

    /// `value` with three decimals, like `%.3f` but without `String(format:)`, which is slow
    /// on Linux (a run with 100 callbacks formats 900 cells).
    private static func seconds(_ value: Double) -> String {
        guard value.isFinite, abs(value) < 1e15 else { return "\(value)" }
        let thousandths = Int((abs(value) * 1000).rounded())
        let fraction = String(thousandths % 1000)
        let sign = value < 0 && thousandths > 0 ? "-" : ""
        return sign + "\(thousandths / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
    }
}
