/// Keeps a debiased exponential moving average (decay 0.95, like tensorpack's
/// `add_moving_summary`) of every scalar the backend registers
/// (``TrainingBackend/movingAverageNames``): fetched with every step; the averages are
/// put into the monitors under the same names at each epoch's last step, and also every
/// `period` global steps when given. Its averages are part of the training state.
///
/// With `biased₀ = 0`, `biasedₜ = d·biasedₜ₋₁ + (1−d)·xₜ`, the value is `biasedₜ / (1 − dᵗ)`
/// (`dᵗ` by repeated multiplication, so a resumed average equals an uninterrupted one).
public final class MovingAverageSummary: StatefulCallback {
    /// The decay of the average.
    public let decay: Double
    private let period: Int?
    private var context: TrainerContext?
    private var names: [String] = []
    private var biased: [Double] = []
    private var counts: [Int] = []
    private var powers: [Double] = []

    /// Creates the callback.
    /// - Parameters:
    ///   - decay: the average's decay (0.95 by default).
    ///   - period: also put the averages every `period` global steps (`nil`: only at epoch ends).
    public init(decay: Double = 0.95, period: Int? = nil) {
        precondition(decay >= 0 && decay < 1, "MovingAverageSummary: decay must be in [0, 1)")
        precondition((period ?? 1) > 0, "MovingAverageSummary: period must be positive")
        self.decay = decay
        self.period = period
    }

    public var chiefOnly: Bool { false }
    public var stepEvents: StepEvents { names.isEmpty ? [] : [.beforeStep, .afterStep] }
    public var producedStats: [String] { names }
    public var stateKey: String { "MovingAverageSummary" }

    public func setUp(_ context: TrainerContext) throws {
        self.context = context
        names = context.backend.movingAverageNames
        let outputs = context.backend.outputNames
        for name in names where !outputs.contains(name) {
            throw TrainerError.invalidConfiguration(
                "the backend registers '\(name)' for moving averages but cannot output it (outputs: \(outputs.sorted().joined(separator: ", ")))")
        }
        biased = Array(repeating: 0, count: names.count)
        counts = Array(repeating: 0, count: names.count)
        powers = Array(repeating: 1, count: names.count)
    }

    /// The current debiased average of `name`, or `nil` before its first value.
    public func average(_ name: String) -> Double? {
        guard let index = names.firstIndex(of: name), counts[index] > 0 else { return nil }
        return value(at: index)
    }

    private func value(at index: Int) -> Double {
        biased[index] / (1 - powers[index])
    }

    public func beforeStep(_ request: inout StepRequest) throws { request.fetch(names) }

    public func afterStep(_ outputs: StepOutputs) throws {
        for index in names.indices {
            guard let value = outputs.scalar(names[index]) else { continue }
            biased[index] = decay * biased[index] + (1 - decay) * value
            counts[index] += 1
            powers[index] *= decay
        }
        guard let loop = context?.loop else { return }
        if loop.isLastStepOfEpoch || (period.map { loop.globalStep % $0 == 0 } ?? false) {
            for index in names.indices where counts[index] > 0 {
                try context?.monitors.put(scalar: value(at: index), name: names[index])
            }
        }
    }

    public func exportState() throws -> StateValue {
        var fields: [String: StateValue] = [:]
        for index in names.indices {
            fields[names[index]] = .object(["biased": .double(biased[index]), "count": .number(Double(counts[index]))])
        }
        return .object(fields)
    }

    public func importState(_ state: StateValue) throws {
        guard let fields = state.objectValue else {
            throw StateDecodingError(owner: stateKey, message: "expected an object of averages, found \(state)")
        }
        for (index, name) in names.enumerated() {
            guard let entry = fields[name] else { continue }
            biased[index] = try entry.field("biased", of: stateKey) { $0.doubleValue }
            counts[index] = try entry.field("count", of: stateKey) { $0.intValue }
            powers[index] = 1
            for _ in 0..<max(0, counts[index]) { powers[index] *= decay }
        }
    }
}
