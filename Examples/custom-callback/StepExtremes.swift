import LoomTraining

/// Puts the largest per-step `cost` and `train-error-top1` seen since its last trigger.
final class StepExtremes: Callback {
    private var context: TrainerContext?
    private var maxCost = -Double.infinity, maxError = -Double.infinity

    var chiefOnly: Bool { false }
    var stepEvents: StepEvents { [.beforeStep, .afterStep] }
    var producedStats: [String] { ["max-step-cost", "max-step-train-error-top1"] }

    func setUp(_ context: TrainerContext) throws { self.context = context }

    func beforeStep(_ request: inout StepRequest) throws { request.fetch(["cost", "train-error-top1"]) }

    func afterStep(_ outputs: StepOutputs) throws {
        maxCost = max(maxCost, outputs.scalar("cost") ?? maxCost)
        maxError = max(maxError, outputs.scalar("train-error-top1") ?? maxError)
    }

    func trigger() throws {
        guard let context, maxCost.isFinite else { return }
        try context.monitors.put(scalar: maxCost, name: "max-step-cost")
        try context.monitors.put(scalar: maxError, name: "max-step-train-error-top1")
        (maxCost, maxError) = (-.infinity, -.infinity)
    }
}
