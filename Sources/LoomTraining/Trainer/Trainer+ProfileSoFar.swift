extension Trainer {
    /// The callback profile of the run so far, as ``CallbackProfile/table()`` shows it at
    /// the end: while training, the times measured until now (the run's total and the
    /// steps of the epoch in progress count up to now); after the run, ``callbackProfile``;
    /// nil before ``train()`` started.
    public func callbackProfileSoFar() -> CallbackProfile? {
        if let callbackProfile { return callbackProfile }
        guard let runStart else { return nil }
        let now = config.environment.clock.now()
        var current = profile
        current.totalSeconds = now - runStart
        if let (start, firstStep) = stepsInProgress {
            current.steps.seconds += now - start
            current.steps.calls &+= loop.globalStep &- firstStep
        }
        return current
    }
}
