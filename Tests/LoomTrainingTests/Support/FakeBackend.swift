import Foundation
@testable import LoomTraining

/// A deterministic backend: the loss of the step that finishes global step `g` is
/// `1 / g` (so 1, 0.5, 0.333…), `accuracy` is `g / 10`. It records every request.
final class FakeBackend: TrainingBackend {
    struct Failure: Error, Equatable, CustomStringConvertible {
        var step: Int
        var description: String { "fake failure at step \(step)" }
    }

    var movingAverageNames: [String]
    var summaryNames: [String] { ["weights", "weights/norm"] }
    var outputNames: Set<String> { ["loss", "accuracy"] }
    var hyperparameterNames: [String] { ["learning_rate"] }
    var hyperparameters: [String: Double] = ["learning_rate": 0.1]
    private(set) var steps = 0
    private(set) var updateOpsRuns = 0
    private(set) var requests: [StepRequest] = []
    var failAtStep: Int?
    var clock: ManualClock?
    var secondsPerStep = 0.0
    /// Multiplies the reported loss (a tiny factor makes it decay towards zero).
    var lossFactor = 1.0
    var state: [NamedArray] = [NamedArray(name: "w", shape: [2], values: [1, 2])]

    init(movingAverageNames: [String] = ["loss"]) { self.movingAverageNames = movingAverageNames }

    static func loss(atGlobalStep step: Int) -> Double { 1 / Double(step) }

    func runStep(_ request: StepRequest) throws -> StepOutputs {
        requests.append(request)
        if let failAtStep, steps + 1 == failAtStep { throw Failure(step: failAtStep) }
        steps += 1
        if request.runUpdateOps { updateOpsRuns += 1 }
        clock?.advance(by: secondsPerStep)
        var outputs = StepOutputs()
        for name in request.fetches {
            switch name {
            case "loss": outputs.values[name] = .scalar(Self.loss(atGlobalStep: steps) * lossFactor)
            case "accuracy": outputs.values[name] = .scalar(Double(steps) / 10)
            default: break
            }
        }
        if request.summaries {
            outputs.summaries = [
                .histogram(name: "weights", value: Histogram(min: 0, max: 1, count: 2, sum: 1, sumSquares: 1,
                                                             bucketLimits: [1], bucketCounts: [2])),
                .scalar(name: "weights/norm", value: Double(steps)),
            ]
        }
        return outputs
    }

    func hyperparameter(_ name: String) throws -> Double { hyperparameters[name] ?? .nan }
    func setHyperparameter(_ name: String, to value: Double) throws { hyperparameters[name] = value }
    func exportState() throws -> [NamedArray] { state }
    func importState(_ arrays: [NamedArray]) throws { state = arrays }
}
