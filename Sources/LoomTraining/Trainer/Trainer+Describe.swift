extension Trainer {
    /// Which callbacks run at which event, in order: after ``train()`` set them up, the
    /// real per-event lists; before, the registration order (monitors last).
    public func describeLoop() -> String {
        let all = callbacks.isEmpty ? config.callbacks + config.extraCallbacks + config.monitors.map { $0 as any Callback } : callbacks
        func names(_ list: [any Callback]) -> String { list.isEmpty ? "(none)" : list.map(\.name).joined(separator: ", ") }
        func having(_ event: StepEvents) -> [any Callback] { all.filter { $0.stepEvents.contains(event) } }
        let everyone = names(all)
        return """
        setUp, beforeTrain: \(everyone)
          beforeEpoch: \(everyone)
            beforeStep: \(names(having(.beforeStep)))
            afterStep: \(names(having(.afterStep)))
            triggerStep: \(names(having(.triggerStep)))
          afterEpoch, triggerEpoch: \(everyone)
        afterTrain: \(everyone)
        """
    }
}
