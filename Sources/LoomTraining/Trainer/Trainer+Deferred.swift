extension Trainer {
    /// Runs one round of events (`beforeTrain`, `triggerEpoch` or a step's `triggerStep` on
    /// every callback),
    /// then the actions callbacks deferred to its end
    /// (``TrainerContext/afterEpochLevelRound(_:)``). When the round throws, the deferred
    /// actions are dropped (no checkpoint of a failed round).
    func epochLevelRound(_ stop: inout StopTraining?, _ round: (inout StopTraining?) throws -> Void) throws {
        guard let context else { return try round(&stop) }
        context.collectsDeferredActions = true
        defer {
            context.collectsDeferredActions = false
            context.deferredActions.removeAll()
        }
        try round(&stop)
        defer { context.fileWriter.deliverCompleted() }
        while !context.deferredActions.isEmpty {
            let actions = context.deferredActions
            context.deferredActions.removeAll()
            for action in actions {
                do { try action() } catch let signal as StopTraining { stop = signal }
            }
        }
    }
}
