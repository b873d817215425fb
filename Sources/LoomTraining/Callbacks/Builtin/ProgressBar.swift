/// A tqdm-style progress bar over each epoch's steps (tensorpack `ProgressBar`, a default):
/// steps done/total, percentage, elapsed time, time left, rate, and the smoothed values
/// of chosen outputs (by default the backend's moving-average names, e.g. the loss).
///
/// On a terminal it redraws in place with `\r` at most every `refresh` seconds and fits
/// the terminal's width. Otherwise (a file, a pipe) it writes one plain line every
/// `interval` seconds (default 60, or env `LOOM_PROGRESS_INTERVAL`) and one at the end
/// of each epoch (unless the last line already showed it), never `\r`. It writes to the environment's output, not to `log.log`.
public final class ProgressBar: Callback {
    private let chosenNames: [String]?
    private let chosenInterval: Double?
    private let refresh: Double
    private var context: TrainerContext?
    private var names: [String] = []
    private var smoothed: [Double] = []
    private var powers: [Double] = []
    private var terminal = false
    private var interval = 60.0
    private var start = 0.0
    private var lastDraw = 0.0
    private var done = 0
    private var lineDone = -1
    private var isOpen = false

    /// Creates a bar.
    /// - Parameters:
    ///   - names: outputs to fetch every step and show smoothed (EMA 0.95, debiased);
    ///     `nil` shows the backend's moving-average names.
    ///   - interval: seconds between lines when the output is not a terminal (`nil`:
    ///     env `LOOM_PROGRESS_INTERVAL`, else 60).
    ///   - refresh: the least seconds between redraws on a terminal.
    public init(names: [String]? = nil, interval: Double? = nil, refresh: Double = 0.5) {
        chosenNames = names
        chosenInterval = interval
        self.refresh = refresh
    }

    public var chiefOnly: Bool { false }
    public var stepEvents: StepEvents { names.isEmpty ? .triggerStep : .all }

    public func setUp(_ context: TrainerContext) throws {
        self.context = context
        names = chosenNames ?? context.backend.movingAverageNames
        let outputs = context.backend.outputNames
        for name in names where !outputs.contains(name) {
            throw TrainerError.invalidConfiguration(
                "ProgressBar shows '\(name)', which the backend cannot output (outputs: \(outputs.sorted().joined(separator: ", ")))")
        }
        if let chosenInterval { interval = chosenInterval }
        else if let text = context.environment.variables["LOOM_PROGRESS_INTERVAL"], let value = Double(text), value > 0 { interval = value }
        else { interval = 60 }
        smoothed = Array(repeating: 0, count: names.count)
        powers = Array(repeating: 1, count: names.count)
    }

    public func beforeEpoch() throws {
        guard let context, context.loop.stepsPerEpoch > 0 else { return }
        terminal = context.environment.output.isTerminal
        start = context.environment.clock.now()
        lastDraw = start
        done = 0
        lineDone = -1
        isOpen = true
        if terminal { context.environment.output.write("\r" + terminalLine(now: start)) }
    }

    public func beforeStep(_ request: inout StepRequest) throws { request.fetch(names) }

    public func afterStep(_ outputs: StepOutputs) throws {
        for index in names.indices {
            guard let value = outputs.scalar(names[index]) else { continue }
            smoothed[index] = 0.95 * smoothed[index] + 0.05 * value
            powers[index] *= 0.95
        }
    }

    public func triggerStep() throws {
        guard isOpen, let context else { return }
        done += 1
        let now = context.environment.clock.now()
        if terminal {
            if now - lastDraw >= refresh {
                context.environment.output.write("\r" + terminalLine(now: now))
                lastDraw = now
            }
        } else if now - lastDraw >= interval {
            context.environment.output.write(plainLine(now: now) + "\n")
            lastDraw = now
            lineDone = done
        }
    }

    public func afterEpoch() throws { close() }

    public func afterTrain() throws { close() }

    private func close() {
        guard isOpen, let context else { return }
        isOpen = false
        let now = context.environment.clock.now()
        if terminal { context.environment.output.write("\r" + terminalLine(now: now) + "\n") }
        else if lineDone != done { context.environment.output.write(plainLine(now: now) + "\n") }
    }

    private struct Parts {
        var percent: Int, counter: String, timing: String
    }

    private func parts(now: Double) -> Parts {
        let total = context?.loop.stepsPerEpoch ?? 0
        let elapsed = now - start
        let rate = elapsed > 0 ? Double(done) / elapsed : 0
        let remaining = rate > 0 ? Double(total - done) / rate : -1
        var timing = "[\(Formatting.duration(elapsed))<\(remaining >= 0 ? Formatting.duration(remaining) : "?"), "
        if rate <= 0 { timing += "?it/s" }
        else if rate >= 1 { timing += String(format: "%.2fit/s", rate) }
        else { timing += String(format: "%.2fs/it", 1 / rate) }
        for index in names.indices where powers[index] < 1 {
            timing += ", \(names[index])=" + Formatting.significant(smoothed[index] / (1 - powers[index]), digits: 4)
        }
        timing += "]"
        let percent = total > 0 ? done * 100 / total : 0
        return Parts(percent: percent, counter: "\(done)/\(total)", timing: timing)
    }

    /// `Epoch 2 40/100 40% [00:12<00:18, 3.33it/s, loss=0.4321]`.
    func plainLine(now: Double) -> String {
        let part = parts(now: now)
        return "Epoch \(context?.loop.epochNumber ?? 0) \(part.counter) \(part.percent)% \(part.timing)"
    }

    /// ` 40%|####      | 40/100 [00:12<00:18, 3.33it/s, loss=0.4321]`, fitted to the width.
    func terminalLine(now: Double) -> String {
        let part = parts(now: now)
        let percent = String(repeating: " ", count: max(0, 3 - String(part.percent).count)) + "\(part.percent)%"
        let right = " \(part.counter) \(part.timing)"
        let columns = context?.environment.output.columns ?? 80
        let width = columns - 1 - percent.count - 2 - right.count
        guard width >= 4 else { return String((percent + right).prefix(max(1, columns - 1))) }
        let total = max(1, context?.loop.stepsPerEpoch ?? 1)
        let fraction = min(1, Double(done) / Double(total)) * Double(width)
        let full = Int(fraction)
        var bar = String(repeating: "#", count: full)
        if full < width {
            let partial = Int((fraction - Double(full)) * 10)
            bar += partial > 0 ? String(partial) : " "
            bar += String(repeating: " ", count: width - full - 1)
        }
        return percent + "|" + bar + "|" + right
    }
}
